extends Control
## Guest play: a nickname and a colour, nothing saved. Enter in the name field plays.

const Kit := preload("res://ui/menu_kit.gd")
const LogView := preload("res://ui/log_view.gd")
const ColorChoice := preload("res://ui/color_choice.gd")

var _name: LineEdit
var _color: ColorChoice
var _play: Button
var _error: Label
var _log: LogView


func _ready() -> void:
	var column := Kit.screen(self)
	var heading := Label.new()
	heading.text = "Play as a guest: pick a nickname and a colour"
	column.add_child(heading)
	_name = Kit.line_edit("GuestName", "Nickname (1-20 characters)")
	_color = ColorChoice.new("Guest", 115)
	_play = Kit.button("GuestPlay", "Play")
	_play.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	var back := Kit.button("GuestBack", "Back")
	_error = Kit.error_label("GuestError")
	_log = Kit.log_view("GuestLog", 90.0) as LogView
	for node: Control in [_name, _color, Kit.row([_play, back]), _error, _log]:
		column.add_child(node)
	_name.text_submitted.connect(_on_name_submitted)
	_play.pressed.connect(_submit)
	back.pressed.connect(Game.go.bind(Game.State.LOGIN))
	_color.color_changed.connect(_publish_color)
	Game.request_finished.connect(_on_request_finished)
	Game.notice.connect(_log.add_line)
	_publish_color(_color.color)
	WebBridge.publish("error", "")
	# Back here after a refused ?name= or reconnect: keep the name, show why.
	_name.text = Game.take_prefill_name()
	var prefill_color := Game.take_prefill_color()
	if prefill_color.a > 0.0:
		_color.set_color(prefill_color)
	var error := Game.take_form_error()
	if not error.is_empty():
		_show_error(error)
		_log.add_line(error, Game.Level.ERROR)
	_name.grab_focus.call_deferred()


## Escape goes back, like the Back button (in _input: a focused LineEdit would take it otherwise).
func _input(event: InputEvent) -> void:
	if event.is_action_pressed("ui_cancel"):
		get_viewport().set_input_as_handled()
		Game.go(Game.State.LOGIN)


func _on_name_submitted(_text: String) -> void:
	_submit()


func _submit() -> void:
	if Game.is_busy():
		return
	var nickname := _name.text
	if nickname.strip_edges().is_empty():
		_show_error("Enter a nickname")
		return
	_error.visible = false
	WebBridge.publish("error", "")
	_log.add_line("Joining as %s…" % nickname)
	_play.disabled = true
	# Sent as typed: the server's nickname rules and messages apply.
	Game.play_as_guest(nickname, _color.color)


func _on_request_finished(request: int, ok: bool, reason: String) -> void:
	if request != Game.Request.GUEST:
		return
	_play.disabled = false
	if not ok:
		_show_error(reason)
		_log.add_line(reason, Game.Level.ERROR)


func _show_error(text: String) -> void:
	_error.text = text
	_error.visible = true
	WebBridge.publish("error", text)


func _publish_color(color: Color) -> void:
	WebBridge.publish("color", "#" + color.to_html(false))
