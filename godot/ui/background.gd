extends Control
## The menus' animated backdrop: a faint world grid drifting by with a few translucent blobs,
## all drawn in code (no imported textures in a text-only project).

const BLOB_COUNT := 18
const GRID_STEP := 48.0
const DRIFT := Vector2(14.0, 6.0)

var _positions: PackedVector2Array = PackedVector2Array()
var _velocities: PackedVector2Array = PackedVector2Array()
var _radii: PackedFloat32Array = PackedFloat32Array()
var _colors: PackedColorArray = PackedColorArray()
var _offset: Vector2 = Vector2.ZERO


func _ready() -> void:
	mouse_filter = Control.MOUSE_FILTER_IGNORE
	set_anchors_and_offsets_preset(Control.PRESET_FULL_RECT)
	# Fixed seed: the same picture every time, which keeps screenshots comparable.
	var rng := RandomNumberGenerator.new()
	rng.seed = 7
	for i in BLOB_COUNT:
		_positions.append(Vector2(rng.randf_range(0, 1152), rng.randf_range(0, 648)))
		_velocities.append(Vector2.from_angle(rng.randf() * TAU) * rng.randf_range(8, 30))
		_radii.append(rng.randf_range(10, 60))
		_colors.append(Color.from_hsv(rng.randf(), 0.6, 0.9, 0.16))


func _process(delta: float) -> void:
	_offset = (_offset + DRIFT * delta).posmod(GRID_STEP)
	var bounds := size
	for i in BLOB_COUNT:
		var p := _positions[i] + _velocities[i] * delta
		var r := _radii[i]
		# Wrap around the edges, fully off screen, so blobs glide back in.
		p.x = fposmod(p.x + r, bounds.x + 2.0 * r) - r
		p.y = fposmod(p.y + r, bounds.y + 2.0 * r) - r
		_positions[i] = p
	queue_redraw()


func _draw() -> void:
	var line_color := Color(1, 1, 1, 0.045)
	var x := -GRID_STEP + _offset.x
	while x < size.x:
		draw_line(Vector2(x, 0), Vector2(x, size.y), line_color)
		x += GRID_STEP
	var y := -GRID_STEP + _offset.y
	while y < size.y:
		draw_line(Vector2(0, y), Vector2(size.x, y), line_color)
		y += GRID_STEP
	for i in BLOB_COUNT:
		draw_circle(_positions[i], _radii[i], _colors[i])
