extends Control
## The game's title, drawn letter by letter with a rolling rainbow and a wave. Drawn in code:
## the original used BBCode effects, which only ever belong on text we wrote ourselves.

const TEXT := "Radius Rumble"

var font_size: int = 52
var _time: float = 0.0
var _font: FontVariation = FontVariation.new()
var _letters: PackedStringArray = PackedStringArray()
var _advances: PackedFloat32Array = PackedFloat32Array()
var _width: float = 0.0


func _ready() -> void:
	mouse_filter = Control.MOUSE_FILTER_IGNORE
	custom_minimum_size = Vector2(0, font_size * 1.35)
	_font.base_font = get_theme_default_font()
	_font.variation_embolden = 0.9
	for i in TEXT.length():
		_letters.append(TEXT.substr(i, 1))
		var advance := _font.get_char_size(TEXT.unicode_at(i), font_size).x
		_advances.append(advance)
		_width += advance


func _process(delta: float) -> void:
	_time += delta
	queue_redraw()


func _draw() -> void:
	var x := (size.x - _width) / 2.0
	var baseline := size.y / 2.0 + font_size * 0.35
	for i in _letters.size():
		var wave := sin(_time * 3.0 + i * 0.55) * font_size * 0.08
		var hue := fmod(_time * 0.15 + i * 0.06, 1.0)
		var pos := Vector2(x, baseline + wave)
		draw_char(_font, pos + Vector2(2, 3), _letters[i], font_size, Color(0, 0, 0, 0.45))
		draw_char(_font, pos, _letters[i], font_size, Color.from_hsv(hue, 0.55, 1.0))
		x += _advances[i]
