extends VBoxContainer
## Colour picker for a player: a row of named preset swatches (easy to click, also for tests)
## plus a hue slider for anything in between, and a preview. Controls are named after `prefix`:
## <prefix>Swatch0..7, <prefix>Hue, <prefix>Color, all in group "ui".

signal color_changed(color: Color)

## Preset hues, in degrees, with their names (tooltips).
const PRESET_HUES: Array[int] = [0, 28, 52, 115, 175, 210, 265, 320]
const PRESET_NAMES: PackedStringArray = [
	"Red",
	"Orange",
	"Yellow",
	"Green",
	"Teal",
	"Blue",
	"Purple",
	"Pink",
]
const SATURATION := 0.75
const VALUE := 0.95
const SWATCH_SIZE := Vector2(34, 34)

var color: Color = Color.WHITE
var _prefix: String
var _hue: HSlider
var _preview: Panel
var _preview_style: StyleBoxFlat = StyleBoxFlat.new()
var _swatch_styles: Array[StyleBoxFlat] = []


func _init(prefix: String, initial_hue: int = 210) -> void:
	_prefix = prefix
	add_theme_constant_override("separation", 6)
	var row := HBoxContainer.new()
	row.add_theme_constant_override("separation", 8)
	add_child(row)
	var label := Label.new()
	label.text = "Colour"
	row.add_child(label)
	for i in PRESET_HUES.size():
		row.add_child(_make_swatch(i))
	_preview = Panel.new()
	_preview.name = prefix + "Color"
	_preview.custom_minimum_size = SWATCH_SIZE * Vector2(1.6, 1.0)
	_preview.tooltip_text = "Your colour"
	_preview_style.set_corner_radius_all(17)
	_preview_style.set_border_width_all(2)
	_preview_style.border_color = Color(1, 1, 1, 0.8)
	_preview.add_theme_stylebox_override("panel", _preview_style)
	_preview.add_to_group(&"ui")
	row.add_child(_preview)
	_hue = HSlider.new()
	_hue.name = prefix + "Hue"
	_hue.min_value = 0
	_hue.max_value = 359
	_hue.step = 1
	_hue.tooltip_text = "Hue"
	_hue.focus_mode = Control.FOCUS_NONE
	_hue.custom_minimum_size = Vector2(0, 24)
	_hue.add_to_group(&"ui")
	_hue.value_changed.connect(_on_hue_changed)
	add_child(_hue)
	_hue.value = initial_hue
	_on_hue_changed(initial_hue)


## Shows `new_color` (e.g. from a previous visit) and moves the slider to its hue.
func set_color(new_color: Color) -> void:
	_hue.set_value_no_signal(roundi(new_color.h * 360.0) % 360)
	_apply(new_color)


func _make_swatch(index: int) -> Button:
	var swatch := Button.new()
	swatch.name = "%sSwatch%d" % [_prefix, index]
	swatch.tooltip_text = PRESET_NAMES[index]
	swatch.custom_minimum_size = SWATCH_SIZE
	swatch.focus_mode = Control.FOCUS_NONE
	var style := StyleBoxFlat.new()
	style.bg_color = Color.from_hsv(PRESET_HUES[index] / 360.0, SATURATION, VALUE)
	style.set_corner_radius_all(6)
	style.border_color = Color.WHITE
	_swatch_styles.append(style)
	for state: String in ["normal", "hover", "pressed", "focus"]:
		swatch.add_theme_stylebox_override(state, style)
	swatch.pressed.connect(func() -> void: _hue.value = PRESET_HUES[index])
	swatch.add_to_group(&"ui")
	return swatch


func _on_hue_changed(value: float) -> void:
	_apply(Color.from_hsv(value / 360.0, SATURATION, VALUE))


func _apply(new_color: Color) -> void:
	color = new_color
	_preview_style.bg_color = new_color
	# Outline the preset that matches, so the choice is visible on the swatches too.
	var hue := roundi(_hue.value)
	for i in _swatch_styles.size():
		_swatch_styles[i].set_border_width_all(3 if PRESET_HUES[i] == hue else 0)
	color_changed.emit(new_color)
