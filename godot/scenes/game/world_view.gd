extends Node2D
## Draws the world in world coordinates (the Camera2D maps them to the screen), bottom to top:
## the floor (clear colour, grid, the area beyond the border, the border), the spores, the players
## (smaller first, the own player last, each with its name) and short "eaten" rings.
##
## Floor and spores are children drawn behind this node (show_behind_parent). Spores are one
## MultiMesh of a circle: they never move, so an instance is written only when a spore enters or
## a swap-remove moves it, and the whole set is a single draw call (in the bench, 400 spores cost
## ~20 ms a frame to record with draw_circle). Players and effects are drawn here in _draw.

const GRID_STEP := 50.0
const OUTSIDE_COLOR := Color(0.07, 0.08, 0.1)
const FLOOR_COLOR := Color(0.95, 0.96, 0.98)
const GRID_COLOR := Color(0.84, 0.86, 0.9)
const BORDER_COLOR := Color(0.85, 0.2, 0.25)
const EFFECT_SECONDS := 0.35
const SPORE_SEGMENTS := 20
## Names: font size from the blob's radius on screen, within these; none below MIN_NAME_PX radius.
const MIN_FONT := 9
const MAX_FONT := 56
const MIN_NAME_PX := 8.0
const NAME_OUTLINE := Color(0.0, 0.0, 0.0, 0.75)

var model: WorldModel
var camera: Camera2D
## Visible world rectangle of the current frame (set by update_view()).
var view_rect: Rect2 = Rect2()
var spores_drawn: int = 0
var players_drawn: int = 0
## Moving mean of the time _draw takes (recording the draw commands), microseconds.
var draw_us: float = 0.0
var last_draw_us: float = 0.0

var _floor: FloorLayer
var _spores: MultiMeshInstance2D
var _multimesh: MultiMesh
var _order: Array[WorldModel.PlayerState] = []
var _grid: PackedVector2Array = PackedVector2Array()
## Eaten effects: x, y, radius, start time (seconds), packed four floats per effect.
var _effects: PackedFloat32Array = PackedFloat32Array()
var _now: float = 0.0
var _saved_clear: Color = Color.BLACK
var _font: Font
## Baseline offset (ascent - descent) / 2 by font size, filled lazily (font metrics are calls).
var _baseline: PackedFloat32Array = PackedFloat32Array()


func _ready() -> void:
	_font = ThemeDB.fallback_font
	_baseline.resize(MAX_FONT + 1)
	_baseline.fill(-1.0)
	_floor = FloorLayer.new()
	_floor.name = "Floor"
	_floor.view = self
	_floor.show_behind_parent = true
	add_child(_floor)
	_multimesh = MultiMesh.new()
	_multimesh.transform_format = MultiMesh.TRANSFORM_2D
	_multimesh.use_colors = true
	_multimesh.mesh = _circle_mesh(SPORE_SEGMENTS)
	_multimesh.instance_count = 512
	_multimesh.visible_instance_count = 0
	_spores = MultiMeshInstance2D.new()
	_spores.name = "Spores"
	_spores.multimesh = _multimesh
	_spores.show_behind_parent = true
	add_child(_spores)


func _enter_tree() -> void:
	_saved_clear = RenderingServer.get_default_clear_color()
	RenderingServer.set_default_clear_color(FLOOR_COLOR)


func _exit_tree() -> void:
	RenderingServer.set_default_clear_color(_saved_clear)


## A unit circle as a triangle fan (white: the instance colour tints it).
static func _circle_mesh(segments: int) -> ArrayMesh:
	var vertices := PackedVector2Array()
	for i: int in segments:
		var a0: float = TAU * i / segments
		var a1: float = TAU * (i + 1) / segments
		vertices.append(Vector2.ZERO)
		vertices.append(Vector2(cos(a0), sin(a0)))
		vertices.append(Vector2(cos(a1), sin(a1)))
	var arrays: Array = []
	arrays.resize(Mesh.ARRAY_MAX)
	arrays[Mesh.ARRAY_VERTEX] = vertices
	var mesh := ArrayMesh.new()
	mesh.add_surface_from_arrays(Mesh.PRIMITIVE_TRIANGLES, arrays)
	return mesh


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
	_sync_spores()
	_floor.queue_redraw()
	queue_redraw()


## Writes the spore instances that changed since the last frame.
func _sync_spores() -> void:
	if model == null:
		return
	var count: int = model.spore_count()
	if count > _multimesh.instance_count:
		# Growing clears the buffer: write everything again.
		_multimesh.visible_instance_count = 0
		_multimesh.instance_count = maxi(count, _multimesh.instance_count * 2)
		model.spores_all_dirty = true
	if model.spores_all_dirty:
		for i: int in count:
			_write_spore(i)
	else:
		for i: int in model.spore_dirty:
			if i < count:
				_write_spore(i)
	model.spore_dirty.clear()
	model.spores_all_dirty = false
	_multimesh.visible_instance_count = count
	spores_drawn = count


func _write_spore(i: int) -> void:
	var r: float = model.spore_r[i]
	var at := Vector2(model.spore_x[i], model.spore_y[i])
	_multimesh.set_instance_transform_2d(i, Transform2D(0.0, Vector2(r, r), 0.0, at))
	_multimesh.set_instance_color(i, model.spore_color[i])


## The floor: clear colour (one full-screen fill less in software WebGL), grid, the parts of the
## view beyond the border, the border.
func draw_floor(c: CanvasItem) -> void:
	if model == null:
		return
	var h: float = model.half_size
	var world := Rect2(-h, -h, 2.0 * h, 2.0 * h)
	var floor_rect: Rect2 = world.intersection(view_rect)
	_draw_outside(c, floor_rect)
	if floor_rect.has_area():
		_draw_grid(c, floor_rect)
	var zoom: float = camera.zoom.x if camera != null else 1.0
	c.draw_rect(world, BORDER_COLOR, false, maxf(3.0 / zoom, 2.0))


func _draw() -> void:
	if model == null:
		return
	var t0: int = Time.get_ticks_usec()
	var zoom: float = camera.zoom.x if camera != null else 1.0
	_draw_players(zoom)
	_draw_effects()
	last_draw_us = float(Time.get_ticks_usec() - t0)
	draw_us += (last_draw_us - draw_us) * 0.05


func _draw_outside(c: CanvasItem, inside: Rect2) -> void:
	var v: Rect2 = view_rect
	if not inside.has_area():
		c.draw_rect(v, OUTSIDE_COLOR)
		return
	# Up to four bands around the floor: above, below, left, right.
	var top: float = inside.position.y - v.position.y
	var bottom: float = v.end.y - inside.end.y
	var left: float = inside.position.x - v.position.x
	var right: float = v.end.x - inside.end.x
	if top > 0.0:
		c.draw_rect(Rect2(v.position.x, v.position.y, v.size.x, top), OUTSIDE_COLOR)
	if bottom > 0.0:
		c.draw_rect(Rect2(v.position.x, inside.end.y, v.size.x, bottom), OUTSIDE_COLOR)
	if left > 0.0:
		c.draw_rect(Rect2(v.position.x, inside.position.y, left, inside.size.y), OUTSIDE_COLOR)
	if right > 0.0:
		c.draw_rect(Rect2(inside.end.x, inside.position.y, right, inside.size.y), OUTSIDE_COLOR)


func _draw_grid(c: CanvasItem, area: Rect2) -> void:
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
		c.draw_multiline(_grid, GRID_COLOR, -1.0)


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
	var width: float = maxf(clampf(r * 0.08, 1.0, 6.0), 1.5 / zoom)
	# The fill needs no antialiasing: the antialiased ring covers its edge.
	draw_circle(centre, r - width * 0.5, p.color)
	draw_circle(centre, r - width * 0.5, p.outline, false, width, true)
	_draw_name(p, centre, r * zoom, zoom)


## The name, centred, drawn right after its blob (so a bigger blob on top hides it) in screen
## pixels: the transform undoes the camera zoom, so the text is rasterised at its screen size
## and stays sharp. Plain text: nothing in a name is interpreted.
func _draw_name(p: WorldModel.PlayerState, centre: Vector2, r_px: float, zoom: float) -> void:
	if p.name.is_empty() or r_px < MIN_NAME_PX:
		return
	var size: int = int(clampf(r_px * 0.42, float(MIN_FONT), float(MAX_FONT)))
	var baseline: float = _baseline[size]
	if baseline < 0.0:
		baseline = (_font.get_ascent(size) - _font.get_descent(size)) * 0.5
		_baseline[size] = baseline
	var box: float = maxf(r_px * 4.0, 200.0)
	var pos := Vector2(-box * 0.5, baseline)
	var outline: int = maxi(2, size / 6)
	draw_set_transform(centre, 0.0, Vector2(1.0 / zoom, 1.0 / zoom))
	var centred := HORIZONTAL_ALIGNMENT_CENTER
	draw_string_outline(_font, pos, p.name, centred, box, size, outline, NAME_OUTLINE)
	draw_string(_font, pos, p.name, centred, box, size, Color.WHITE)
	draw_set_transform(Vector2.ZERO, 0.0, Vector2.ONE)


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


## Paints the floor for the view (its _draw calls back into the view).
class FloorLayer:
	extends Node2D
	var view: Node2D

	func _draw() -> void:
		view.call("draw_floor", self)
