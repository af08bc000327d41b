extends Node
## Render benchmark for the game scene's drawing: 5 s of an empty floor, then 10 s of 100 moving
## players and 400 spores all on screen (far more than a real view holds), fed through WorldModel
## as synthetic 20 Hz deltas. Prints frame times of both phases and the median time to record the
## world's draw commands:
##   [bench] empty frame_ms=… | crowd frame_ms=… p95=… draw_us=… apply_us=…

const WorldView := preload("res://scenes/game/world_view.gd")

const PLAYERS := 100
const SPORES := 400

var model := WorldModel.new()
var view: WorldView
var camera: Camera2D
var _start: float = 0.0
var _tick: int = 0
var _seq: int = 0
var _next_tick_at: float = 0.0
var _frames: PackedFloat32Array = PackedFloat32Array()
var _draws: PackedFloat32Array = PackedFloat32Array()
var _empty_ms: float = 0.0
var _apply_us: float = 0.0
var _phase: int = 0
var _rng := RandomNumberGenerator.new()


func _ready() -> void:
	_rng.seed = 7
	var j := Proto.JoinedRoomMessage.new()
	j.player_id = 1
	j.world_half_size = 3000.0
	j.tick_hz = 20
	j.position_scale = 10
	j.heading_steps = 4096
	model.configure(j)
	view = WorldView.new()
	add_child(view)
	camera = Camera2D.new()
	camera.zoom = Vector2(0.5, 0.5)
	add_child(camera)
	camera.make_current()
	view.model = model
	view.camera = camera
	_start = _now()


static func _now() -> float:
	return float(Time.get_ticks_usec()) / 1000000.0


func _keyframe() -> Proto.WorldDeltaMessage:
	var d := Proto.WorldDeltaMessage.new()
	_seq += 1
	d.seq = _seq
	d.tick = _tick
	d.keyframe = true
	for i: int in PLAYERS:
		var p := Proto.PlayerDelta.new()
		p.id = i + 1
		p.x = _rng.randi_range(-10000, 10000)
		p.has_x = true
		p.y = _rng.randi_range(-5500, 5500)
		p.has_y = true
		p.radius = 200 if i == 0 else _rng.randi_range(100, 1200)
		p.has_radius = true
		p.heading = _rng.randi_range(0, 4095)
		p.has_heading = true
		p.speed = 600
		p.has_speed = true
		p.name = "player%d" % (i + 1)
		p.has_name = true
		p.color = Color.from_hsv(_rng.randf(), 0.7, 0.9).to_rgba32()
		p.has_color = true
		d.players.append(p)
	for i: int in SPORES:
		var s := Proto.SporeDelta.new()
		s.id = i + 1
		s.x = _rng.randi_range(-11000, 11000)
		s.y = _rng.randi_range(-6000, 6000)
		s.radius = _rng.randi_range(50, 150)
		d.spores.append(s)
	return d


## A tick where a fifth of the players turn (a motion update each), like a busy real room.
func _turns() -> Proto.WorldDeltaMessage:
	var d := Proto.WorldDeltaMessage.new()
	_seq += 1
	d.seq = _seq
	d.tick = _tick
	for id: int in model.players:
		if _rng.randi_range(0, 4) != 0:
			continue
		var st: WorldModel.PlayerState = model.players[id]
		var at: Vector2 = model.predicted(st)
		var p := Proto.PlayerDelta.new()
		p.id = id
		# Turn back towards the middle so everyone stays on screen.
		var heading: float = atan2(-at.y, -at.x) + _rng.randf_range(-1.0, 1.0)
		p.x = roundi(at.x * 10.0)
		p.has_x = true
		p.y = roundi(at.y * 10.0)
		p.has_y = true
		p.heading = posmod(roundi(heading / TAU * 4096.0), 4096)
		p.has_heading = true
		p.speed = 600
		p.has_speed = true
		d.players.append(p)
	return d


func _apply(d: Proto.WorldDeltaMessage, now: float) -> void:
	var t0: int = Time.get_ticks_usec()
	model.apply_delta(d, now)
	_apply_us += (float(Time.get_ticks_usec() - t0) - _apply_us) * 0.1


func _process(delta: float) -> void:
	var now: float = _now()
	var elapsed: float = now - _start
	if _phase == 0 and elapsed > 1.0:
		_phase = 1
		_frames.clear()
	elif _phase == 1 and elapsed > 6.0:
		_empty_ms = _mean(_frames)
		_frames.clear()
		_phase = 2
		_apply(_keyframe(), now)
		_next_tick_at = now + 0.05
	elif _phase == 2:
		while now >= _next_tick_at:
			_tick += 1
			_apply(_turns(), now)
			_next_tick_at += 0.05
		if elapsed > 16.0:
			_phase = 3
			var sorted := _frames.duplicate()
			sorted.sort()
			var p95: float = sorted[int(sorted.size() * 0.95)] if sorted.size() > 0 else 0.0
			var times: Array = [_empty_ms, _mean(_frames), p95, _median(_draws)]
			var line: String = "empty frame_ms=%.1f | crowd frame_ms=%.1f" % times.slice(0, 2)
			line += " p95=%.1f draw_us=%.0f" % times.slice(2)
			line += " apply_us=%.0f players_drawn=%d" % [_apply_us, view.players_drawn]
			print("[bench] %s spores_drawn=%d" % [line, view.spores_drawn])
			get_tree().quit(0)
	if _phase > 0:
		_frames.append(delta * 1000.0)
	if _phase == 2:
		_draws.append(view.last_draw_us)
	model.update_render(now, delta)
	camera.position = Vector2.ZERO
	view.update_view(now)


static func _median(values: PackedFloat32Array) -> float:
	if values.is_empty():
		return 0.0
	var sorted: PackedFloat32Array = values.duplicate()
	sorted.sort()
	return sorted[sorted.size() / 2]


static func _mean(values: PackedFloat32Array) -> float:
	if values.is_empty():
		return 0.0
	var total: float = 0.0
	for v: float in values:
		total += v
	return total / values.size()
