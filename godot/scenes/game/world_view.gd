extends Node2D
## Draws the world in world coordinates (the Camera2D maps them to the screen): background grid,
## world border, spores, players (smaller first, the own player last) and short "eaten" rings.
## Everything is drawn in one _draw per frame: cheaper than a node per entity in software WebGL.

const GRID_STEP := 50.0
const OUTSIDE_COLOR := Color(0.07, 0.08, 0.1)
const FLOOR_COLOR := Color(0.95, 0.96, 0.98)
const GRID_COLOR := Color(0.84, 0.86, 0.9)
const BORDER_COLOR := Color(0.85, 0.2, 0.25)
const EFFECT_SECONDS := 0.35

var model: WorldModel
var camera: Camera2D
## Visible world rectangle of the current frame (set by update_view()).
var view_rect: Rect2 = Rect2()
var spores_drawn: int = 0
var players_drawn: int = 0
## Moving mean of the time _draw takes (recording the draw commands), microseconds.
var draw_us: float = 0.0

var _order: Array[WorldModel.PlayerState] = []
var _grid: PackedVector2Array = PackedVector2Array()
## Eaten effects: x, y, radius, start time (seconds), packed four floats per effect.
var _effects: PackedFloat32Array = PackedFloat32Array()
var _now: float = 0.0
var _saved_clear: Color = Color.BLACK


func _by_radius(a: WorldModel.PlayerState, b: WorldModel.PlayerState) -> bool:
	return a.draw_radius < b.draw_radius


func add_effect(x: float, y: float, radius: float, now_s: float) -> void:
	if radius <= 0.0:
		return
	_effects.append(x)
	_effects.append(y)
	_effects.append(radius)
	_effects.append(now_s)


func update_view(now_s: float) -> void:
	_now = now_s
	var size: Vector2 = get_viewport_rect().size
	var zoom: float = camera.zoom.x if camera != null else 1.0
	var centre: Vector2 = camera.get_screen_center_position() if camera != null else Vector2.ZERO
	var half: Vector2 = size / (2.0 * zoom)
	view_rect = Rect2(centre - half, half * 2.0)
	queue_redraw()


func _draw() -> void:
	if model == null:
		return
	var t0: int = Time.get_ticks_usec()
	# The floor is the clear colour (one full-screen fill less in software WebGL); only the
	# parts of the view beyond the border are painted.
	var h: float = model.half_size
	var world := Rect2(-h, -h, 2.0 * h, 2.0 * h)
	var floor_rect: Rect2 = world.intersection(view_rect)
	_draw_outside(floor_rect)
	if floor_rect.has_area():
		_draw_grid(floor_rect)
	var zoom: float = camera.zoom.x if camera != null else 1.0
	draw_rect(world, BORDER_COLOR, false, maxf(3.0 / zoom, 2.0))
	_draw_spores()
	_draw_players(zoom)
	_draw_effects()
	draw_us += (float(Time.get_ticks_usec() - t0) - draw_us) * 0.05


func _enter_tree() -> void:
	_saved_clear = RenderingServer.get_default_clear_color()
	RenderingServer.set_default_clear_color(FLOOR_COLOR)


func _exit_tree() -> void:
	RenderingServer.set_default_clear_color(_saved_clear)


func _draw_outside(inside: Rect2) -> void:
	var v: Rect2 = view_rect
	if not inside.has_area():
		draw_rect(v, OUTSIDE_COLOR)
		return
	if inside.position.y > v.position.y:
		draw_rect(Rect2(v.position.x, v.position.y, v.size.x, inside.position.y - v.position.y),
				OUTSIDE_COLOR)
	if inside.end.y < v.end.y:
		draw_rect(Rect2(v.position.x, inside.end.y, v.size.x, v.end.y - inside.end.y),
				OUTSIDE_COLOR)
	if inside.position.x > v.position.x:
		draw_rect(Rect2(v.position.x, inside.position.y, inside.position.x - v.position.x,
				inside.size.y), OUTSIDE_COLOR)
	if inside.end.x < v.end.x:
		draw_rect(Rect2(inside.end.x, inside.position.y, v.end.x - inside.end.x, inside.size.y),
				OUTSIDE_COLOR)


func _draw_grid(area: Rect2) -> void:
	var zoom: float = camera.zoom.x if camera != null else 1.0
	var step: float = GRID_STEP
	while step * zoom < 12.0:
		step *= 2.0
	_grid.resize(0)
	var x: float = ceilf(area.position.x / step) * step
	var end_x: float = area.end.x
	while x <= end_x:
		_grid.append(Vector2(x, area.position.y))
		_grid.append(Vector2(x, area.end.y))
		x += step
	var y: float = ceilf(area.position.y / step) * step
	var end_y: float = area.end.y
	while y <= end_y:
		_grid.append(Vector2(area.position.x, y))
		_grid.append(Vector2(area.end.x, y))
		y += step
	if _grid.size() > 0:
		draw_multiline(_grid, GRID_COLOR, -1.0)


func _draw_spores() -> void:
	var n: int = model.spore_ids.size()
	var xs: PackedFloat32Array = model.spore_x
	var ys: PackedFloat32Array = model.spore_y
	var rs: PackedFloat32Array = model.spore_r
	var cs: PackedColorArray = model.spore_color
	var min_x: float = view_rect.position.x
	var min_y: float = view_rect.position.y
	var max_x: float = view_rect.end.x
	var max_y: float = view_rect.end.y
	var drawn: int = 0
	for i: int in n:
		var x: float = xs[i]
		var y: float = ys[i]
		var r: float = rs[i]
		if x + r < min_x or x - r > max_x or y + r < min_y or y - r > max_y:
			continue
		draw_circle(Vector2(x, y), r, cs[i])
		drawn += 1
	spores_drawn = drawn


func _draw_players(zoom: float) -> void:
	_order.clear()
	var own: WorldModel.PlayerState = null
	var min_x: float = view_rect.position.x
	var min_y: float = view_rect.position.y
	var max_x: float = view_rect.end.x
	var max_y: float = view_rect.end.y
	for id: int in model.players:
		var p: WorldModel.PlayerState = model.players[id]
		if id == model.own_id:
			own = p
			continue
		var r: float = p.draw_radius
		if p.draw_x + r < min_x or p.draw_x - r > max_x:
			continue
		if p.draw_y + r < min_y or p.draw_y - r > max_y:
			continue
		_order.append(p)
	if _order.size() > 1:
		_order.sort_custom(_by_radius)
	if own != null:
		_order.append(own)
	for p: WorldModel.PlayerState in _order:
		_draw_player(p, zoom)
	players_drawn = _order.size()


func _draw_player(p: WorldModel.PlayerState, zoom: float) -> void:
	var centre := Vector2(p.draw_x, p.draw_y)
	var r: float = maxf(p.draw_radius, 1.0)
	draw_circle(centre, r, p.color, true, -1.0, true)
	var width: float = maxf(clampf(r * 0.08, 1.0, 6.0), 1.5 / zoom)
	draw_circle(centre, r - width * 0.5, p.outline, false, width, true)


func _draw_effects() -> void:
	var i: int = 0
	while i < _effects.size():
		var age: float = _now - _effects[i + 3]
		if age > EFFECT_SECONDS or age < 0.0:
			for k: int in 4:
				_effects.remove_at(i)
			continue
		var t: float = age / EFFECT_SECONDS
		var r: float = _effects[i + 2] * (1.0 + t * 0.8)
		var c := Color(0.2, 0.2, 0.25, 0.6 * (1.0 - t))
		draw_circle(Vector2(_effects[i], _effects[i + 1]), r, c, false, maxf(r * 0.1, 2.0), true)
		i += 4
