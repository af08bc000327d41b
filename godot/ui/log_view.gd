extends RichTextLabel
## A log of plain-text lines coloured by level. BBCode is off and text goes in with add_text(),
## so nothing a player or the server writes can inject markup. Optionally publishes its last
## lines to window.rumble.game[publish_key] for the tests.

const LEVEL_COLORS: Array[Color] = [
	Color(0.93, 0.94, 0.97),  # Game.Level.INFO
	Color(0.49, 0.99, 0.0),  # SUCCESS (lawn green)
	Color(1.0, 0.85, 0.2),  # WARNING (yellow)
	Color(1.0, 0.35, 0.2),  # ERROR (orange-red)
]
const CHAT_NAME_COLOR := Color(0.39, 0.58, 0.93)  # cornflower blue
## Lines kept on screen; older ones are removed so a long session stays cheap.
const MAX_LINES := 200
## Lines published to window.rumble.
const PUBLISHED_LINES := 50

## When not empty, the last lines go to WebBridge.publish(publish_key, ...).
var publish_key: String = ""
var _lines: PackedStringArray = PackedStringArray()


func _init() -> void:
	bbcode_enabled = false
	scroll_following = true
	selection_enabled = true
	focus_mode = Control.FOCUS_NONE
	custom_minimum_size = Vector2(0, 110)
	size_flags_vertical = Control.SIZE_EXPAND_FILL


func _ready() -> void:
	_publish()


## Adds one line; `level` is a Game.Level.
func add_line(text: String, level: int = 0) -> void:
	_trim()
	push_color(LEVEL_COLORS[clampi(level, 0, LEVEL_COLORS.size() - 1)])
	add_text(text)
	pop()
	newline()
	_remember(text)


## Adds a chat line: the name in blue, then the message in italics, both as plain text.
func add_chat(speaker: String, message: String) -> void:
	_trim()
	push_color(CHAT_NAME_COLOR)
	add_text(speaker + ": ")
	pop()
	push_italics()
	add_text(message)
	pop()
	newline()
	_remember("%s: %s" % [speaker, message])


func lines() -> PackedStringArray:
	return _lines


func _trim() -> void:
	if get_paragraph_count() > MAX_LINES:
		remove_paragraph(0)


func _remember(line: String) -> void:
	_lines.append(line)
	if _lines.size() > PUBLISHED_LINES:
		_lines.remove_at(0)
	_publish()


func _publish() -> void:
	if not publish_key.is_empty():
		WebBridge.publish(publish_key, Array(_lines))
