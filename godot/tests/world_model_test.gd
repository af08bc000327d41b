extends "res://tests/checks.gd"
## Checks WorldModel against the delta semantics of the Java clients (ClientWorld, WorldView):
## keyframes reset, motion updates restart extrapolation, radius alone, players_left, spores,
## eaten, seq gaps. Prints "[test] world_model: N passed, M failed" and quits with the failures.

var wanted: int = 0


func _suite() -> String:
	return "world_model"


func near(a: float, b: float, what: String, eps: float = 0.001) -> void:
	check(absf(a - b) <= eps, "%s: %f != %f" % [what, a, b])


static func joined() -> Proto.JoinedRoomMessage:
	var j := Proto.JoinedRoomMessage.new()
	j.player_id = 7
	j.room_id = 1
	j.world_half_size = 3000.0
	j.tick_hz = 20
	j.position_scale = 10
	j.heading_steps = 4096
	return j


static func player(id: int, x: int, y: int, heading: int, speed: int) -> Proto.PlayerDelta:
	var p := Proto.PlayerDelta.new()
	p.id = id
	p.x = x
	p.has_x = true
	p.y = y
	p.has_y = true
	p.heading = heading
	p.has_heading = true
	p.speed = speed
	p.has_speed = true
	return p


static func full(id: int, x: int, y: int, r: int, who: String, rgba: int) -> Proto.PlayerDelta:
	var p := player(id, x, y, 0, 0)
	p.radius = r
	p.has_radius = true
	p.name = who
	p.has_name = true
	p.color = rgba
	p.has_color = true
	return p


static func delta(seq: int, tick: int, keyframe: bool) -> Proto.WorldDeltaMessage:
	var d := Proto.WorldDeltaMessage.new()
	d.seq = seq
	d.tick = tick
	d.keyframe = keyframe
	return d


static func spore(id: int, x: int, y: int, r: int) -> Proto.SporeDelta:
	var s := Proto.SporeDelta.new()
	s.id = id
	s.x = x
	s.y = y
	s.radius = r
	return s


func _on_wanted() -> void:
	wanted += 1


func _run() -> void:
	var m := WorldModel.new()
	m.keyframe_wanted.connect(_on_wanted)
	m.configure(joined())
	# A delta before any keyframe is ignored and asks for one (once).
	var d := delta(5, 100, false)
	d.players.append(full(7, 0, 0, 200, "me", -16776961))
	check(not m.apply_delta(d, 0.0), "delta before keyframe ignored")
	check(not m.apply_delta(delta(6, 101, false), 0.05), "still ignored")
	check(wanted == 1, "one keyframe request, got %d" % wanted)
	# The keyframe.
	d = delta(7, 102, true)
	d.players.append(full(7, 1000, -500, 200, "me", -16776961))
	d.players.append(full(9, 2000, 0, 300, "other", 0x00FF00FF))
	d.spores.append(spore(1, 100, 100, 50))
	d.spores.append(spore(2, 200, 100, 60))
	d.spores.append(spore(3, 300, 100, 70))
	check(m.apply_delta(d, 0.1), "keyframe applied")
	check(m.keyframes == 1 and m.deltas == 1 and m.seq_gaps == 0, "counters after keyframe")
	check(m.own() != null and m.own().name == "me", "own player")
	near(m.own().base_x, 100.0, "x scaled")
	near(m.own().base_y, -50.0, "y scaled")
	near(m.own().radius, 20.0, "radius scaled")
	check(m.own().color == Color(1, 0, 0, 1), "negative colour is 0xRRGGBBAA (red)")
	check(m.players[9].color == Color(0, 1, 0, 1), "positive colour")
	check(m.spore_count() == 3, "three spores")
	# Motion update: heading a quarter turn (down, y grows), 150 units/s, from tick 103.
	d = delta(8, 103, false)
	d.players.append(player(9, 2000, 0, 1024, 1500))
	d.players_left.append(12345)
	d.spores_left.append(1)
	check(m.apply_delta(d, 0.15), "delta applied")
	var swapped: bool = m.spore_index.has(3) and not m.spore_index.has(1)
	check(m.spore_count() == 2 and swapped, "spore removed by swap")
	var i3: int = m.spore_index[3]
	near(m.spore_x[i3], 30.0, "moved spore keeps its x")
	var other: WorldModel.PlayerState = m.players[9]
	check(other.base_tick == 103, "motion update restarts extrapolation at the delta's tick")
	near(other.heading, PI / 2.0, "heading in radians")
	near(other.speed, 150.0, "speed scaled")
	# Radius alone keeps the motion baseline (extrapolation still counts from tick 103).
	d = delta(9, 104, false)
	var grow := Proto.PlayerDelta.new()
	grow.id = 9
	grow.radius = 350
	grow.has_radius = true
	d.players.append(grow)
	m.apply_delta(d, 0.2)
	check(other.base_tick == 103, "radius alone keeps the baseline")
	near(other.radius, 35.0, "radius update")
	# The Java rule: x + cos(heading) * speed * ticks / tick_hz, ticks since the motion update.
	d = delta(10, 113, false)
	m.apply_delta(d, 0.7)
	var at: Vector2 = m.predicted(other)
	near(at.x, 200.0, "predicted x", 0.01)
	near(at.y, 75.0, "predicted y (down)", 0.01)
	# Extrapolation clamps at the border.
	d = delta(11, 114, false)
	d.players.append(player(9, 29990, 0, 0, 1500))
	m.apply_delta(d, 0.75)
	m.update_render(0.75 + 1.0, 1.0)
	check(other.draw_x <= 3000.0 + 0.001, "clamped to the border")
	# A gap: request once, ignore until a keyframe, count one gap.
	check(not m.apply_delta(delta(13, 116, false), 0.85), "gap ignored")
	check(not m.apply_delta(delta(14, 117, false), 0.9), "after gap ignored")
	check(wanted == 2 and m.seq_gaps == 1, "one request and one gap per gap")
	d = delta(15, 118, true)
	d.players.append(full(7, 0, 0, 200, "me", -1))
	check(m.apply_delta(d, 0.95), "keyframe after gap applied")
	check(not m.players.has(9) and m.spore_count() == 0, "keyframe forgets everything")
	check(m.seq_gaps == 1 and m.keyframes == 2, "gap counted once")
	# A keyframe that itself jumps seq (server dropped deltas to a slow reader) is a gap too.
	d = delta(20, 123, true)
	d.players.append(full(7, 0, 0, 200, "me", -1))
	m.apply_delta(d, 1.2)
	check(m.seq_gaps == 2 and wanted == 2, "keyframe jump counted, no request")
	# Connection skipped deltas and asked itself: wait without asking or counting a gap.
	m.expect_keyframe()
	check(not m.apply_delta(delta(30, 133, false), 1.21), "waits for Connection's keyframe")
	check(wanted == 2 and m.seq_gaps == 2, "no request, no gap")
	for k: int in 40:
		m.apply_delta(delta(31 + k, 134 + k, false), 1.21)
	check(wanted == 3, "asks again after 40 ignored deltas")
	d = delta(80, 183, true)
	d.players.append(full(7, 0, 0, 200, "me", -1))
	m.apply_delta(d, 1.22)
	check(m.seq_gaps == 2, "keyframe after Connection's skip is no gap")
	# Entering, eaten and left.
	d = delta(81, 184, false)
	d.players.append(full(9, 100, 0, 300, "eater", -1))
	m.apply_delta(d, 1.25)
	m.update_render(1.25, 0.05)
	d = delta(82, 185, false)
	d.players.append(player(7, 20000, 20000, 0, 0))
	var ev := Proto.EatenEvent.new()
	ev.victim_id = 7
	ev.eater_id = 9
	d.eaten.append(ev)
	m.apply_delta(d, 1.3)
	check(m.times_eaten == 1 and m.eaten_by_name == "eater", "eaten by name")
	m.update_render(1.3, 0.05)
	near(m.own().draw_x, 2000.0, "victim snaps to the respawn", 0.01)
	d = delta(83, 186, false)
	d.players_left.append(9)
	m.apply_delta(d, 1.35)
	check(not m.players.has(9), "players_left removes")
	check(m.player_name(9) == "eater", "name remembered for chat")
	# Blending: a small correction keeps the drawn position, then decays.
	d = delta(84, 187, false)
	d.players.append(player(7, 20050, 20000, 0, 0))
	m.apply_delta(d, 1.4)
	m.update_render(1.4, 0.0)
	near(m.own().draw_x, 2000.0, "correction starts where it was drawn", 0.01)
	m.update_render(1.55, 0.15)
	check(absf(m.own().draw_x - 2005.0) < 0.3, "correction mostly blended after 150 ms")
