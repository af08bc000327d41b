extends Node
## The in-game scene: feeds the server's packets to the WorldModel, draws the world and the names
## on the blobs (WorldView) and the HUD, steers with mouse or touch, follows the own blob with the
## camera and publishes its state for the tests through WebBridge.
##
## Steering: both mouse and touch send PlayerDirectionMessage (the direction from the own blob's
## screen position to the pointer). A PlayerTargetMessage point would move with the camera while a
## finger rests on the screen and need resending as often anyway, and the blob stopping under the
## finger is not how the game plays with a mouse; one rule for both keeps them alike.

const WorldView := preload("res://scenes/game/world_view.gd")
const Hud := preload("res://scenes/game/hud.gd")

## The server's view at the start radius (rumble.game.view.*) and its growth (ViewRules).
const VIEW_WIDTH := 1024.0
const VIEW_HEIGHT := 576.0
const VIEW_GROWTH := 0.4
const START_RADIUS := 20.0
## Camera: as the original, target zoom 2.0, wheel +-0.1, closest 4, furthest 2 * 20 / radius
## (and never so far that the screen shows more than the server's view).
const START_ZOOM := 2.0
const ZOOM_STEP := 0.1
const CLOSEST_ZOOM := 4.0
const CAMERA_FOLLOW := 12.0
## Steering: send at most every 45 ms (~22/s), only when the direction moved more than 1 degree,
## and not while the pointer is within DEAD_ZONE_PX of the blob's centre.
const STEER_INTERVAL := 0.045
const STEER_MIN_CHANGE := 0.017453292519943295
const DEAD_ZONE_PX := 10.0
const PUBLISH_INTERVAL := 0.1
const PRINT_INTERVAL := 10.0
const DECODE_SAMPLE_EVERY := 10

var model: WorldModel = WorldModel.new()
var view: WorldView
var hud: Hud
var camera: Camera2D

var _target_zoom: float = START_ZOOM
var _furthest_at_last: float = START_ZOOM
var _zoom: float = START_ZOOM
var _camera_placed: bool = false
var _snap_camera: bool = false
var _pointer: Vector2 = Vector2.ZERO
var _pointer_active: bool = false
var _touches: Dictionary[int, Vector2] = {}
var _pinch_distance: float = 0.0
var _last_direction: float = NAN
var _last_steer_at: float = -1.0
var _directions_sent: int = 0
var _board_entries: Array[Proto.LeaderboardEntry] = []
var _board_names: Dictionary[int, String] = {}

## Timing: moving medians of the apply cost of the last 200 deltas and of the decode cost of
## the last 50 sampled ones (microseconds), recomputed once a second.
var _apply_us: float = 0.0
var _decode_us: float = 0.0
var _apply_ring: PackedFloat32Array = PackedFloat32Array()
var _decode_ring: PackedFloat32Array = PackedFloat32Array()
var _apply_next: int = 0
var _decode_next: int = 0
var _medians_at: float = 0.0
var _frame_ms: float = 0.0
var _process_us: float = 0.0
var _last_publish: float = 0.0
var _last_print: float = 0.0
var _now: float = 0.0


func _ready() -> void:
	name = "InGame"
	view = WorldView.new()
	view.name = "World"
	add_child(view)
	camera = Camera2D.new()
	camera.name = "Camera"
	add_child(camera)
	camera.make_current()
	camera.zoom = Vector2(_zoom, _zoom)
	hud = Hud.new()
	hud.name = "Hud"
	add_child(hud)
	view.model = model
	view.camera = camera
	hud.chat_submitted.connect(_on_chat_submitted)
	hud.logout_pressed.connect(_on_logout)
	model.keyframe_wanted.connect(_on_keyframe_wanted)
	model.player_eaten.connect(_on_player_eaten)
	Connection.packet_received.connect(_on_packet)
	Connection.status_changed.connect(_on_status)
	if Connection.has_signal("caught_up"):
		Connection.connect("caught_up", _on_caught_up)
	if Game.has_signal("notice"):
		Game.connect("notice", _on_notice)
	if Game.joined != null:
		model.configure(Game.joined)
	_now = _seconds()
	_last_print = _now


func _exit_tree() -> void:
	if Connection.packet_received.is_connected(_on_packet):
		Connection.packet_received.disconnect(_on_packet)
	if Connection.status_changed.is_connected(_on_status):
		Connection.status_changed.disconnect(_on_status)
	if Connection.has_signal("caught_up") and Connection.is_connected("caught_up", _on_caught_up):
		Connection.disconnect("caught_up", _on_caught_up)
	if Game.has_signal("notice") and Game.is_connected("notice", _on_notice):
		Game.disconnect("notice", _on_notice)


static func _seconds() -> float:
	return float(Time.get_ticks_usec()) / 1000000.0


# --- packets ---


func _on_packet(packet: Proto.Packet) -> void:
	var kind: int = packet.msg_case
	if kind == Proto.Packet.WORLD_DELTA:
		_on_delta(packet.world_delta)
	elif kind == Proto.Packet.LEADERBOARD:
		_on_leaderboard(packet.leaderboard)
	elif kind == Proto.Packet.CHAT:
		_on_chat(packet.sender_id, packet.chat.name, packet.chat.msg)
	elif kind == Proto.Packet.JOINED_ROOM:
		model.configure(packet.joined_room)
		_camera_placed = false
	elif kind == Proto.Packet.DENY_RESPONSE:
		hud.add_chat_line("Server: " + packet.deny_response.reason)
	elif kind == Proto.Packet.DISCONNECT:
		var to_us: bool = packet.sender_id == 0 or packet.sender_id == Game.client_id
		if to_us and not packet.disconnect.reason.is_empty():
			hud.add_chat_line("Server: " + packet.disconnect.reason)


func _on_delta(delta: Proto.WorldDeltaMessage) -> void:
	if model.own_id == 0 and Game.joined != null:
		model.configure(Game.joined)
	var t0: int = Time.get_ticks_usec()
	model.apply_delta(delta, _seconds())
	var spent: float = float(Time.get_ticks_usec() - t0)
	_apply_next = _ring_put(_apply_ring, _apply_next, spent, 200)
	if model.deltas % DECODE_SAMPLE_EVERY == 1:
		# Connection decodes before we see the packet; time decoding the same bytes again.
		var bytes: PackedByteArray = delta.to_bytes()
		var t1: int = Time.get_ticks_usec()
		Proto.WorldDeltaMessage.from_bytes(bytes)
		var decode: float = float(Time.get_ticks_usec() - t1)
		_decode_next = _ring_put(_decode_ring, _decode_next, decode, 50)


## Puts a sample into a ring of at most `size`; returns the next write index.
static func _ring_put(ring: PackedFloat32Array, at: int, value: float, size: int) -> int:
	if ring.size() < size:
		ring.append(value)
	else:
		ring[at] = value
	return (at + 1) % size


static func _median(ring: PackedFloat32Array) -> float:
	if ring.is_empty():
		return 0.0
	var sorted: PackedFloat32Array = ring.duplicate()
	sorted.sort()
	return sorted[sorted.size() / 2]


func _on_leaderboard(board: Proto.LeaderboardMessage) -> void:
	_board_entries = board.entries
	for e: Proto.LeaderboardEntry in board.entries:
		_board_names[e.player_id] = e.name
	hud.set_leaderboard(_board_entries, model.own_id)


func _name_of(id: int) -> String:
	var n: String = model.player_name(id)
	if n.is_empty():
		n = _board_names.get(id, "")
	return n if not n.is_empty() else "Player %d" % id


func _on_chat(sender_id: int, sender_name: String, text: String) -> void:
	# The server relays chat to everyone else in the room (with the speaker's name), never back
	# to its sender: the own line is shown when sent.
	var who: String = sender_name if not sender_name.is_empty() else _name_of(sender_id)
	hud.add_chat_line("%s: %s" % [who, text])


func _on_chat_submitted(text: String) -> void:
	var msg := Proto.ChatMessage.new()
	msg.msg = text
	Connection.send(Proto.Packet.new().set_chat(msg))
	hud.add_chat_line("You: " + text)


func _on_logout() -> void:
	if Game.has_method("logout"):
		# Sends the Disconnect, forgets the session (no automatic login) and shows the login.
		Game.call("logout", "logged out")
		return
	var msg := Proto.DisconnectMessage.new()
	msg.reason = "logged out"
	Connection.send(Proto.Packet.new().set_disconnect(msg))
	Game.go(Game.State.LOGIN)


## Game's notices (e.g. "Reconnected: back in the game as NAME") go to the chat log.
func _on_notice(text: String, _level: int) -> void:
	hud.add_chat_line(text)


## Connection skipped queued deltas after a stall and asked for a keyframe itself.
func _on_caught_up(_dropped: int) -> void:
	model.expect_keyframe()


func _on_keyframe_wanted() -> void:
	Connection.send(Proto.Packet.new().set_keyframe_request(Proto.KeyframeRequestMessage.new()))


func _on_player_eaten(victim_id: int, eater_id: int, x: float, y: float, radius: float) -> void:
	view.add_effect(x, y, radius, _seconds())
	if victim_id == model.own_id:
		model.eaten_by_name = _name_of(eater_id)
		hud.show_eaten(model.eaten_by_name, _seconds())
		_snap_camera = true


func _on_status(status: int, detail: String) -> void:
	if status == Connection.Status.OPEN:
		hud.set_banner("")
	else:
		hud.set_banner(detail if not detail.is_empty() else "Reconnecting...")


# --- frame ---


func _process(delta: float) -> void:
	var t0: int = Time.get_ticks_usec()
	_now = _seconds()
	var frame_ms: float = delta * 1000.0
	_frame_ms = frame_ms if _frame_ms == 0.0 else _frame_ms + (frame_ms - _frame_ms) * 0.05
	var own: WorldModel.PlayerState = model.own()
	if own != null and (own.fresh or own.teleported):
		_snap_camera = true
	model.update_render(_now, delta)
	own = model.own()
	_update_camera(own, delta)
	_steer(own)
	view.update_view(_now)
	hud.update(_now)
	if own != null:
		hud.set_score(roundi(PI * own.radius * own.radius))
	if _now - _medians_at >= 1.0:
		_medians_at = _now
		_apply_us = _median(_apply_ring)
		_decode_us = _median(_decode_ring)
	if _now - _last_publish >= PUBLISH_INTERVAL:
		_last_publish = _now
		_publish(own)
	if _now - _last_print >= PRINT_INTERVAL:
		_last_print = _now
		_print_stats()
	_process_us += (float(Time.get_ticks_usec() - t0) - _process_us) * 0.05


## One line every PRINT_INTERVAL: [rumble] decode_us_per_delta=… and the counters.
func _print_stats() -> void:
	var costs: Array = [_decode_us + _apply_us, _apply_us, _decode_us, _frame_ms]
	var counts: Array = [model.deltas, model.keyframes, model.seq_gaps, model.players.size()]
	var line: String = "decode_us_per_delta=%.1f apply_us=%.1f decode_us=%.1f frame_ms=%.1f" % costs
	line += " deltas=%d keyframes=%d seq_gaps=%d players=%d" % counts
	line += " spores=%d dropped_deltas=%d" % [model.spore_count(), _dropped_deltas()]
	print("[rumble] " + line)


static func _dropped_deltas() -> int:
	return Connection.get("dropped_deltas") if "dropped_deltas" in Connection else 0


## Zoom limit as the original (2 * 20 / radius) and never wider than the server's view.
func _furthest_zoom(radius: float) -> float:
	var r: float = maxf(radius, 1.0)
	var grow: float = pow(r / START_RADIUS, VIEW_GROWTH) if r > START_RADIUS else 1.0
	var size: Vector2 = view.get_viewport_rect().size
	var fit: float = maxf(size.x / (VIEW_WIDTH * grow), size.y / (VIEW_HEIGHT * grow))
	return minf(maxf(2.0 * START_RADIUS / r, fit), CLOSEST_ZOOM)


func _update_camera(own: WorldModel.PlayerState, delta: float) -> void:
	if own == null:
		return
	var furthest: float = _furthest_zoom(own.radius)
	# Fully zoomed out follows the limit as the blob grows (the original's auto zoom-out).
	if _target_zoom < furthest or _target_zoom <= _furthest_at_last + 0.001:
		_target_zoom = furthest
	_furthest_at_last = furthest
	var target := Vector2(own.draw_x, own.draw_y)
	if _snap_camera or not _camera_placed:
		camera.position = target
		_zoom = _target_zoom
		camera.reset_smoothing()
		_snap_camera = false
		_camera_placed = true
	else:
		var follow: float = 1.0 - exp(-delta * CAMERA_FOLLOW)
		camera.position += (target - camera.position) * follow
		# The original lerps 5 % per frame at 60 fps; the same, frame-rate independent.
		_zoom += (_target_zoom - _zoom) * (1.0 - pow(0.95, delta * 60.0))
	camera.zoom = Vector2(_zoom, _zoom)


func _change_zoom(amount: float) -> void:
	var own: WorldModel.PlayerState = model.own()
	var furthest: float = _furthest_zoom(own.radius if own != null else START_RADIUS)
	_target_zoom = clampf(_target_zoom + amount, furthest, CLOSEST_ZOOM)


func _steer(own: WorldModel.PlayerState) -> void:
	if own == null or not _pointer_active or not Connection.is_open():
		return
	if _now - _last_steer_at < STEER_INTERVAL:
		return
	var xform: Transform2D = view.get_viewport().get_canvas_transform()
	var centre: Vector2 = xform * Vector2(own.draw_x, own.draw_y)
	var d: Vector2 = _pointer - centre
	if d.length() < DEAD_ZONE_PX:
		return
	var direction: float = atan2(d.y, d.x)
	var turned: float = absf(angle_difference(_last_direction, direction))
	if not is_nan(_last_direction) and turned < STEER_MIN_CHANGE:
		return
	var msg := Proto.PlayerDirectionMessage.new()
	msg.direction = direction
	Connection.send(Proto.Packet.new().set_player_direction(msg))
	_last_direction = direction
	_last_steer_at = _now
	_directions_sent += 1


# --- input ---


func _input(event: InputEvent) -> void:
	# Pointer tracking only (never consumed), so steering works over HUD panels too.
	if event is InputEventMouseMotion:
		_pointer = (event as InputEventMouseMotion).position
		_pointer_active = true
	elif event is InputEventScreenTouch:
		var touch := event as InputEventScreenTouch
		if touch.pressed:
			_touches[touch.index] = touch.position
		else:
			_touches.erase(touch.index)
		_pinch_distance = 0.0
		if touch.index == 0 and touch.pressed:
			_pointer = touch.position
			_pointer_active = true
	elif event is InputEventScreenDrag:
		var drag := event as InputEventScreenDrag
		_touches[drag.index] = drag.position
		if _touches.size() >= 2:
			_pinch(drag)
		elif drag.index == 0:
			_pointer = drag.position
			_pointer_active = true


func _pinch(_drag: InputEventScreenDrag) -> void:
	var points: Array = _touches.values()
	var a: Vector2 = points[0]
	var b: Vector2 = points[1]
	var distance: float = a.distance_to(b)
	if _pinch_distance > 0.0 and distance > 0.0:
		_target_zoom *= distance / _pinch_distance
		_change_zoom(0.0)
	_pinch_distance = distance


func _unhandled_input(event: InputEvent) -> void:
	if event is InputEventMouseButton:
		var button := event as InputEventMouseButton
		if button.pressed and button.button_index == MOUSE_BUTTON_WHEEL_UP:
			_change_zoom(ZOOM_STEP)
			get_viewport().set_input_as_handled()
		elif button.pressed and button.button_index == MOUSE_BUTTON_WHEEL_DOWN:
			_change_zoom(-ZOOM_STEP)
			get_viewport().set_input_as_handled()
	elif event is InputEventMagnifyGesture:
		_target_zoom *= (event as InputEventMagnifyGesture).factor
		_change_zoom(0.0)
	elif event is InputEventKey:
		var key := event as InputEventKey
		if key.pressed and not key.echo and key.keycode == KEY_ENTER and not hud.chat_has_focus():
			hud.chat_input.grab_focus()
			get_viewport().set_input_as_handled()


# --- observability ---


func _publish(own: WorldModel.PlayerState) -> void:
	# WebBridge.publish(key, value) sets window.rumble.game[key]: one call per key.
	var state := {
		"player_id": model.own_id,
		"room_id": model.room_id,
		"x": own.draw_x if own != null else 0.0,
		"y": own.draw_y if own != null else 0.0,
		"radius": own.radius if own != null else 0.0,
		"score": roundi(PI * own.radius * own.radius) if own != null else 0,
		"seq_gaps": model.seq_gaps,
		"deltas": model.deltas,
		"keyframes": model.keyframes,
		"keyframe_requests": model.keyframe_requests,
		"ignored_deltas": model.ignored_deltas,
		"decode_us_per_delta": snappedf(_decode_us + _apply_us, 0.1),
		"apply_us_per_delta": snappedf(_apply_us, 0.1),
		"decode_us_sampled": snappedf(_decode_us, 0.1),
		"players_in_view": model.players.size(),
		"spores_in_view": model.spore_count(),
		"players_drawn": view.players_drawn,
		"spores_drawn": view.spores_drawn,
		"zoom": snappedf(_zoom, 0.001),
		"frame_ms": snappedf(_frame_ms, 0.01),
		"script_us_per_frame": snappedf(_process_us + view.draw_us, 0.1),
		"draw_us_per_frame": snappedf(view.draw_us, 0.1),
		"corrections": model.corrections,
		"correction_mean": snappedf(model.correction_mean, 0.01),
		"snaps": model.snaps,
		"fps": Engine.get_frames_per_second(),
		"directions_sent": _directions_sent,
		"chat": Array(hud.chat_lines),
		"leaderboard": hud.board_rows.duplicate(true),
		"eaten_by": model.eaten_by_name,
		"times_eaten": model.times_eaten,
		"eaten_overlay": hud.eaten_visible(),
		"dropped_deltas": _dropped_deltas(),
	}
	for key: String in state:
		WebBridge.publish(key, state[key])
