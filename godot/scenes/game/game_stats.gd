extends RefCounted
## The in-game scene's measurements and their publication: the apply and decode cost per delta,
## frame and script times, published for the tests through WebBridge (window.rumble.game) every
## PUBLISH_INTERVAL and printed as one "[rumble] …" line every PRINT_INTERVAL.

const WorldView := preload("res://scenes/game/world_view.gd")
const Hud := preload("res://scenes/game/hud.gd")

const PUBLISH_INTERVAL := 0.1
const PRINT_INTERVAL := 10.0
const DECODE_SAMPLE_EVERY := 10

var model: WorldModel
var view: WorldView
var hud: Hud

## Moving medians of the apply cost of the last 200 deltas and of the decode cost of the last 50
## sampled ones (microseconds), recomputed once a second.
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


func _init(world_model: WorldModel, world_view: WorldView, the_hud: Hud, now: float) -> void:
	model = world_model
	view = world_view
	hud = the_hud
	_last_print = now


## One delta was applied in `spent` microseconds; every DECODE_SAMPLE_EVERY-th is also decoded
## again to time decoding (Connection decodes before the scene sees the packet).
func delta_applied(delta: Proto.WorldDeltaMessage, spent: float) -> void:
	_apply_next = _ring_put(_apply_ring, _apply_next, spent, 200)
	if model.deltas % DECODE_SAMPLE_EVERY == 1:
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


## At the start of a frame of `delta` seconds.
func frame_started(delta: float) -> void:
	var frame_ms: float = delta * 1000.0
	_frame_ms = frame_ms if _frame_ms == 0.0 else _frame_ms + (frame_ms - _frame_ms) * 0.05


## At the end of a frame whose script work began at Time.get_ticks_usec() == `started_us`:
## medians, publishing, printing, then the frame's script time.
func frame_done(
		own: WorldModel.PlayerState, zoom: float, directions_sent: int, now: float,
		started_us: int) -> void:
	if now - _medians_at >= 1.0:
		_medians_at = now
		_apply_us = _median(_apply_ring)
		_decode_us = _median(_decode_ring)
	if now - _last_publish >= PUBLISH_INTERVAL:
		_last_publish = now
		_publish(own, zoom, directions_sent)
	if now - _last_print >= PRINT_INTERVAL:
		_last_print = now
		_print_stats()
	_process_us += (float(Time.get_ticks_usec() - started_us) - _process_us) * 0.05


## One line every PRINT_INTERVAL: [rumble] decode_us_per_delta=… and the counters.
func _print_stats() -> void:
	var costs: Array = [_decode_us + _apply_us, _apply_us, _decode_us, _frame_ms]
	var counts: Array = [model.deltas, model.keyframes, model.seq_gaps, model.players.size()]
	var line: String = "decode_us_per_delta=%.1f apply_us=%.1f decode_us=%.1f frame_ms=%.1f" % costs
	line += " deltas=%d keyframes=%d seq_gaps=%d players=%d" % counts
	line += " spores=%d dropped_deltas=%d" % [model.spore_count(), dropped_deltas()]
	print("[rumble] " + line)


static func dropped_deltas() -> int:
	return Connection.get("dropped_deltas") if "dropped_deltas" in Connection else 0


func _publish(own: WorldModel.PlayerState, zoom: float, directions_sent: int) -> void:
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
		"zoom": snappedf(zoom, 0.001),
		"frame_ms": snappedf(_frame_ms, 0.01),
		"script_us_per_frame": snappedf(_process_us + view.draw_us, 0.1),
		"draw_us_per_frame": snappedf(view.draw_us, 0.1),
		"corrections": model.corrections,
		"correction_mean": snappedf(model.correction_mean, 0.01),
		"snaps": model.snaps,
		"fps": Engine.get_frames_per_second(),
		"directions_sent": directions_sent,
		"chat": Array(hud.chat_lines),
		"leaderboard": hud.board_rows.duplicate(true),
		"eaten_by": model.eaten_by_name,
		"times_eaten": model.times_eaten,
		"eaten_overlay": hud.eaten_visible(),
		"dropped_deltas": dropped_deltas(),
	}
	for key: String in state:
		WebBridge.publish(key, state[key])
