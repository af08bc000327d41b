class_name WorldModel
extends "res://game/spore_table.gd"
## What the client knows of its room, rebuilt from WorldDeltaMessages exactly as the Java clients
## (src/test/.../ClientWorld.java, loadtest/.../WorldView.java) do it:
## - a keyframe forgets every player and spore, then applies;
## - a player entering the view carries every field; later x, y, heading, speed come together (a
##   motion update, which restarts the extrapolation from the delta's tick) and radius alone;
## - positions are extrapolated as x + cos(heading) * speed * ticks / tick_hz (y down) from the
##   tick of the last motion update;
## - a gap in seq: ask for a keyframe once and ignore deltas until one arrives.
## Besides the authoritative state each player keeps a render offset (drawn position minus the
## extrapolated one) that decays, so corrections blend instead of snapping.
## Plain model: no nodes. The scene calls apply_delta() and update_render() every frame. The
## spores live in the packed arrays of the spore table this extends (game/spore_table.gd); the
## players are PlayerStates (game/player_state.gd).

const PlayerState := preload("res://game/player_state.gd")

## A player seen eaten this delta (victim_id == own_id: we were eaten).
signal player_eaten(victim_id: int, eater_id: int, x: float, y: float, radius: float)
## A keyframe is needed (seq gap, or a delta before the first keyframe); send the request once.
signal keyframe_wanted

## Corrections larger than this (world units) snap instead of blending.
const SNAP_DISTANCE := 200.0
## Time constant of the correction blend, seconds (about 95 % gone after 3 tau = 120 ms).
const BLEND_TAU := 0.04
## Radius changes blend with this time constant (growing by a big meal looks smoother).
const RADIUS_TAU := 0.08
## Ask for a keyframe again when this many deltas went by without one (about 2 s at 20 Hz).
const REASK_AFTER_DELTAS := 40

var own_id: int = 0
var room_id: int = 0
var half_size: float = 3000.0
var tick_hz: float = 20.0
var position_scale: float = 10.0
var heading_steps: float = 4096.0

var players: Dictionary[int, PlayerState] = {}
## Every name seen by player id (players who left the view can still be named in chat).
var known_names: Dictionary[int, String] = {}
## The tick of the last applied delta, its seq, and whether a keyframe has been applied yet.
var tick: int = 0
var last_seq: int = 0
var synced: bool = false
var awaiting_keyframe: bool = false

## Counters.
var deltas: int = 0
var keyframes: int = 0
var seq_gaps: int = 0
var ignored_deltas: int = 0
var keyframe_requests: int = 0
var eaten_events: int = 0
## Corrections of other players' tracks: how many blended, how many snapped, mean size (units).
var corrections: int = 0
var snaps: int = 0
var correction_mean: float = 0.0

## Last eater of the own player (name as known when it happened).
var eaten_by_name: String = ""
var eaten_by_id: int = 0
var times_eaten: int = 0

## Server-tick clock: render tick = now * tick_hz + _clock_offset (smoothed over arrivals).
var _clock_offset: float = 0.0
var _clock_set: bool = false
var _render_tick: float = 0.0

## Players of the previous keyframe's world, reused for render continuity.
var _previous: Dictionary[int, PlayerState] = {}
## Deltas ignored since the keyframe request; past REASK_AFTER_DELTAS it is asked again.
var _ignored_while_waiting: int = 0


func configure(joined: Proto.JoinedRoomMessage) -> void:
	own_id = joined.player_id
	room_id = joined.room_id
	half_size = joined.world_half_size if joined.world_half_size > 0.0 else 3000.0
	tick_hz = float(joined.tick_hz) if joined.tick_hz > 0 else 20.0
	position_scale = float(joined.position_scale) if joined.position_scale > 0 else 10.0
	heading_steps = float(joined.heading_steps) if joined.heading_steps > 0 else 4096.0
	reset()


## Forgets everything (new room): the next delta must be a keyframe.
func reset() -> void:
	players.clear()
	_previous.clear()
	_clear_spores()
	synced = false
	awaiting_keyframe = false
	last_seq = 0
	tick = 0
	_clock_set = false


func own() -> PlayerState:
	return players.get(own_id) as PlayerState


func player_name(id: int) -> String:
	var p: PlayerState = players.get(id) as PlayerState
	if p != null and not p.name.is_empty():
		return p.name
	return known_names.get(id, "")


## Applies one WorldDeltaMessage. Returns false when it was ignored (waiting for a keyframe).
## now_s: local time in seconds when it arrived (for the render clock).
func apply_delta(delta: Proto.WorldDeltaMessage, now_s: float) -> bool:
	var seq: int = delta.seq
	var keyframe: bool = delta.keyframe
	if not keyframe:
		if awaiting_keyframe:
			ignored_deltas += 1
			_ignored_while_waiting += 1
			if _ignored_while_waiting >= REASK_AFTER_DELTAS:
				# The request or its answer got lost (e.g. a reconnect in between): ask again.
				awaiting_keyframe = false
				_want_keyframe()
			return false
		if not synced:
			# Before the first keyframe (e.g. the scene started after it went by): ask for one.
			_want_keyframe()
			ignored_deltas += 1
			return false
		if seq != last_seq + 1:
			seq_gaps += 1
			_want_keyframe()
			ignored_deltas += 1
			return false
	elif synced and not awaiting_keyframe and seq != last_seq + 1:
		# The server sends a keyframe right after dropping deltas to a slow reader: a gap.
		seq_gaps += 1
	awaiting_keyframe = false
	deltas += 1
	last_seq = seq
	tick = delta.tick
	_sync_clock(now_s)
	if keyframe:
		keyframes += 1
		synced = true
		var spare: Dictionary[int, PlayerState] = _previous
		_previous = players
		players = spare
		players.clear()
		_clear_spores()
	_apply_players(delta.players)
	_previous.clear()
	for left: int in delta.players_left:
		players.erase(left)
	for s: Proto.SporeDelta in delta.spores:
		_add_spore(s.id, s.x / position_scale, s.y / position_scale, s.radius / position_scale)
	for left: int in delta.spores_left:
		_remove_spore(left)
	for ev: Proto.EatenEvent in delta.eaten:
		_on_eaten(ev.victim_id, ev.eater_id)
	return true


## Someone else (Connection, after skipping queued deltas) already asked for a keyframe: ignore
## deltas until it arrives, without asking again or counting a gap.
func expect_keyframe() -> void:
	awaiting_keyframe = true
	_ignored_while_waiting = 0


func _want_keyframe() -> void:
	if awaiting_keyframe:
		return
	awaiting_keyframe = true
	_ignored_while_waiting = 0
	keyframe_requests += 1
	keyframe_wanted.emit()


func _apply_players(list: Array[Proto.PlayerDelta]) -> void:
	for pd: Proto.PlayerDelta in list:
		var id: int = pd.id
		var p: PlayerState = players.get(id) as PlayerState
		if p == null:
			p = _previous.get(id) as PlayerState
			if p == null:
				p = PlayerState.new()
				p.id = id
				p.base_tick = tick
			players[id] = p
		if pd.has_name:
			p.name = pd.name
			if known_names.size() > 2000:
				known_names.clear()
			known_names[id] = pd.name
		if pd.has_color:
			p.color = color_from_wire(pd.color)
			p.outline = p.color.darkened(0.35)
		if pd.has_x:
			var y: float = pd.y / position_scale if pd.has_y else p.base_y
			var heading: float = pd.heading * TAU / heading_steps if pd.has_heading else p.heading
			var speed: float = pd.speed / position_scale if pd.has_speed else p.speed
			var at: float = maxf(_render_tick, float(tick))
			var error: float = p.move(
					pd.x / position_scale, y, heading, speed, tick, at, tick_hz, half_size)
			if error > SNAP_DISTANCE:
				p.teleported = true
				snaps += 1
			elif error >= 0.0 and id != own_id:
				corrections += 1
				correction_mean += (error - correction_mean) * 0.05
		else:
			# Not in a motion update the fields come alone (never happens with this server).
			if pd.has_y:
				p.base_y = pd.y / position_scale
			if pd.has_heading:
				p.heading = pd.heading * TAU / heading_steps
			if pd.has_speed:
				p.speed = pd.speed / position_scale
		if pd.has_radius:
			p.radius = pd.radius / position_scale
			if p.fresh:
				p.draw_radius = p.radius


func _on_eaten(victim_id: int, eater_id: int) -> void:
	eaten_events += 1
	var victim: PlayerState = players.get(victim_id) as PlayerState
	var vx: float = 0.0
	var vy: float = 0.0
	var vr: float = 0.0
	if victim != null:
		# Where it was drawn when it was eaten (for the effect), then jump to the respawn.
		vx = victim.draw_x
		vy = victim.draw_y
		vr = victim.draw_radius
		victim.teleported = true
	if victim_id == own_id:
		times_eaten += 1
		eaten_by_id = eater_id
		eaten_by_name = player_name(eater_id)
	player_eaten.emit(victim_id, eater_id, vx, vy, vr)


## The colour on the wire is Color.to_rgba32() as int32 (0xRRGGBBAA, may be negative).
static func color_from_wire(value: int) -> Color:
	var c := Color.hex(value & 0xFFFFFFFF)
	c.a = 1.0
	return c


## Keeps a smoothed mapping from local time to the server's tick, so extrapolation advances
## continuously between deltas instead of jumping back on each arrival.
func _sync_clock(now_s: float) -> void:
	var sample: float = float(tick) - now_s * tick_hz
	if not _clock_set or absf(sample - _clock_offset) > 4.0:
		_clock_offset = sample
		_clock_set = true
	else:
		_clock_offset += (sample - _clock_offset) * 0.1


## The (fractional) server tick to draw at now.
func render_tick(now_s: float) -> float:
	if not _clock_set:
		return float(tick)
	var t: float = now_s * tick_hz + _clock_offset
	# Never draw before the last delta's tick nor far past it (a stalled stream stops moving).
	return clampf(t, float(tick) - 0.5, float(tick) + 5.0)


## Advances every player's drawn position: extrapolation from its last motion update at the
## render clock, plus its correction offset decaying over ~120 ms.
func update_render(now_s: float, dt: float) -> void:
	_render_tick = render_tick(now_s)
	var decay: float = exp(-dt / BLEND_TAU)
	var grow: float = 1.0 - exp(-dt / RADIUS_TAU)
	for id: int in players:
		players[id].advance(_render_tick, tick_hz, half_size, decay, grow)


## The authoritative extrapolated position of a player at the last delta's tick (as the Java
## clients compute it), for tests and debugging.
func predicted(p: PlayerState) -> Vector2:
	var travelled: float = p.speed * float(tick - p.base_tick) / tick_hz
	return Vector2(p.base_x + cos(p.heading) * travelled, p.base_y + sin(p.heading) * travelled)
