extends Node2D
## Draws the names on the blobs in screen space (inside a CanvasLayer), so the text stays sharp at
## any camera zoom: centred on the blob, size growing with the blob's size on screen. Plain text
## from the server, drawn as is (no markup is interpreted).

const MIN_FONT := 9
const MAX_FONT := 56
const OUTLINE := Color(0.0, 0.0, 0.0, 0.75)

var model: WorldModel
var camera: Camera2D
var view: Node2D

var _font: Font
## Baseline offset (ascent - descent) / 2 by font size, filled lazily (font metrics are calls).
var _baseline: PackedFloat32Array = PackedFloat32Array()
## Moving mean of the time _draw takes (recording the draw commands), microseconds.
var draw_us: float = 0.0


func _ready() -> void:
	_font = ThemeDB.fallback_font
	_baseline.resize(MAX_FONT + 1)
	_baseline.fill(-1.0)


func _process(_delta: float) -> void:
	queue_redraw()


func _draw() -> void:
	if model == null or camera == null or view == null:
		return
	var t0: int = Time.get_ticks_usec()
	var xform: Transform2D = get_viewport().get_canvas_transform()
	var zoom: float = camera.zoom.x
	var screen: Rect2 = get_viewport_rect()
	var own: WorldModel.PlayerState = null
	for id: int in model.players:
		var p: WorldModel.PlayerState = model.players[id]
		if id == model.own_id:
			own = p
		else:
			_draw_name(p, xform, zoom, screen)
	if own != null:
		_draw_name(own, xform, zoom, screen)
	draw_us += (float(Time.get_ticks_usec() - t0) - draw_us) * 0.05


func _draw_name(p: WorldModel.PlayerState, xform: Transform2D, zoom: float, screen: Rect2) -> void:
	if p.name.is_empty():
		return
	var r_px: float = p.draw_radius * zoom
	var size: int = int(clampf(r_px * 0.42, float(MIN_FONT), float(MAX_FONT)))
	if r_px < 8.0:
		return
	var centre: Vector2 = xform * Vector2(p.draw_x, p.draw_y)
	var box: float = maxf(r_px * 4.0, 200.0)
	if centre.x + box * 0.5 < 0.0 or centre.x - box * 0.5 > screen.size.x:
		return
	if centre.y + size < 0.0 or centre.y - size > screen.size.y:
		return
	var baseline: float = _baseline[size]
	if baseline < 0.0:
		baseline = (_font.get_ascent(size) - _font.get_descent(size)) * 0.5
		_baseline[size] = baseline
	var pos := Vector2(centre.x - box * 0.5, centre.y + baseline)
	var outline: int = maxi(2, size / 6)
	draw_string_outline(_font, pos, p.name, HORIZONTAL_ALIGNMENT_CENTER, box, size, outline,
			OUTLINE)
	draw_string(_font, pos, p.name, HORIZONTAL_ALIGNMENT_CENTER, box, size, Color.WHITE)
