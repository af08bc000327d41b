extends Node
## The in-game scene: feeds the server's packets to the WorldModel, draws the world and the names
## on the blobs (WorldView) and the HUD, steers with mouse or touch (Steering), follows the own
## blob with the camera (CameraZoom) and publishes its state for the tests (GameStats).

const WorldView := preload("res://scenes/game/world_view.gd")
const Hud := preload("res://scenes/game/hud.gd")
const CameraZoom := preload("res://scenes/game/camera_zoom.gd")
const Steering := preload("res://scenes/game/steering.gd")
const GameStats := preload("res://scenes/game/game_stats.gd")

var model: WorldModel = WorldModel.new()
var view: WorldView
var hud: Hud
var camera: Camera2D
var zoom: CameraZoom
var steering: Steering = Steering.new()
var stats: GameStats

var _board_entries: Array[Proto.LeaderboardEntry] = []
var _board_names: Dictionary[int, String] = {}
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
	zoom = CameraZoom.new(camera)
	hud = Hud.new()
	hud.name = "Hud"
	add_child(hud)
	stats = GameStats.new(model, view, hud, _seconds())
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
		_configure(Game.joined)
	_now = _seconds()


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
		_configure(packet.joined_room)
	elif kind == Proto.Packet.DENY_RESPONSE:
		hud.add_chat_line("Server: " + packet.deny_response.reason)
	elif kind == Proto.Packet.DISCONNECT:
		var to_us: bool = packet.sender_id == 0 or packet.sender_id == Game.client_id
		if to_us and not packet.disconnect.reason.is_empty():
			hud.add_chat_line("Server: " + packet.disconnect.reason)


func _configure(joined: Proto.JoinedRoomMessage) -> void:
	model.configure(joined)
	zoom.configure(joined)


func _on_delta(delta: Proto.WorldDeltaMessage) -> void:
	if model.own_id == 0 and Game.joined != null:
		_configure(Game.joined)
	var t0: int = Time.get_ticks_usec()
	model.apply_delta(delta, _seconds())
	stats.delta_applied(delta, float(Time.get_ticks_usec() - t0))


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
		zoom.snap()


func _on_status(status: int, detail: String) -> void:
	if status == Connection.Status.OPEN:
		hud.set_banner("")
	else:
		hud.set_banner(detail if not detail.is_empty() else "Reconnecting...")


# --- frame ---


func _process(delta: float) -> void:
	var t0: int = Time.get_ticks_usec()
	_now = _seconds()
	stats.frame_started(delta)
	var own: WorldModel.PlayerState = model.own()
	if own != null and (own.fresh or own.teleported):
		zoom.snap()
	model.update_render(_now, delta)
	own = model.own()
	zoom.update(own, delta, _screen())
	steering.steer(own, view.get_viewport().get_canvas_transform(), _now)
	view.update_view(_now)
	hud.update(_now)
	if own != null:
		hud.set_score(roundi(PI * own.radius * own.radius))
	stats.frame_done(own, zoom.zoom, steering.directions_sent, _now, t0)


func _screen() -> Vector2:
	return view.get_viewport_rect().size


# --- input ---


func _input(event: InputEvent) -> void:
	var pinch: float = steering.track(event)
	if pinch > 0.0:
		zoom.scale_by(pinch, model.own(), _screen())


func _unhandled_input(event: InputEvent) -> void:
	if event is InputEventMouseButton:
		var button := event as InputEventMouseButton
		if button.pressed and button.button_index == MOUSE_BUTTON_WHEEL_UP:
			zoom.step(1.0, model.own(), _screen())
			get_viewport().set_input_as_handled()
		elif button.pressed and button.button_index == MOUSE_BUTTON_WHEEL_DOWN:
			zoom.step(-1.0, model.own(), _screen())
			get_viewport().set_input_as_handled()
	elif event is InputEventMagnifyGesture:
		zoom.scale_by((event as InputEventMagnifyGesture).factor, model.own(), _screen())
	elif event is InputEventKey:
		var key := event as InputEventKey
		if key.pressed and not key.echo and key.keycode == KEY_ENTER and not hud.chat_has_focus():
			hud.chat_input.grab_focus()
			get_viewport().set_input_as_handled()
