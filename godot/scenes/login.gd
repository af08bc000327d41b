extends Control
## Login screen, with the register form in place of the login form when asked for, links to
## guest play and the hiscores, and a log. Enter submits whichever form is shown.

const Kit := preload("res://ui/menu_kit.gd")
const LogView := preload("res://ui/log_view.gd")
const ColorChoice := preload("res://ui/color_choice.gd")

var _login_form: VBoxContainer
var _username: LineEdit
var _password: LineEdit
var _login_button: Button
var _login_error: Label

var _register_form: VBoxContainer
var _register_username: LineEdit
var _register_password: LineEdit
var _register_confirm: LineEdit
var _register_color: ColorChoice
var _register_button: Button
var _register_error: Label

var _log: LogView


func _ready() -> void:
	var column := Kit.screen(self, 48)
	_build_login_form(column)
	_build_register_form(column)
	_log = Kit.log_view("LoginLog", 100.0) as LogView
	column.add_child(_log)
	Game.request_finished.connect(_on_request_finished)
	Game.notice.connect(_log.add_line)
	_show_login()
	_log.add_line("Log in, create an account, or play as a guest.")
	var prefill := Game.take_prefill_name()
	if not prefill.is_empty():
		_username.text = prefill
	var error := Game.take_form_error()
	if not error.is_empty():
		_show_error(_login_error, error)
	_username.grab_focus.call_deferred()


## Escape leaves the register form (in _input: a focused LineEdit would take it otherwise).
func _input(event: InputEvent) -> void:
	if event.is_action_pressed("ui_cancel") and _register_form.visible:
		get_viewport().set_input_as_handled()
		_show_login()


func _build_login_form(column: VBoxContainer) -> void:
	_login_form = VBoxContainer.new()
	_login_form.name = "LoginForm"
	_login_form.add_theme_constant_override("separation", 10)
	column.add_child(_login_form)
	_username = Kit.line_edit("LoginUsername", "Username")
	_password = Kit.line_edit("LoginPassword", "Password", true)
	_login_button = Kit.button("LoginButton", "Log in")
	_login_error = Kit.error_label("LoginError")
	var hiscores := Kit.button("HiscoresButton", "Hiscores")
	var login_row := Kit.row([_login_button, hiscores])
	_login_button.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	for node: Control in [_username, _password, login_row, _login_error]:
		_login_form.add_child(node)
	var register_link := Kit.link("RegisterLink", "Create an account")
	var guest_link := Kit.link("GuestLink", "Play as guest")
	var register_prompt := Kit.row([_label("No account?"), register_link], 6)
	var links := Kit.row([register_prompt, _spacer(), guest_link])
	_login_form.add_child(links)
	# Enter in either field logs in (the original needed a click).
	_username.text_submitted.connect(_on_login_submitted)
	_password.text_submitted.connect(_on_login_submitted)
	_login_button.pressed.connect(_submit_login)
	hiscores.pressed.connect(Game.go.bind(Game.State.HISCORES))
	register_link.pressed.connect(_show_register)
	guest_link.pressed.connect(Game.go.bind(Game.State.GUEST))


func _build_register_form(column: VBoxContainer) -> void:
	_register_form = VBoxContainer.new()
	_register_form.name = "RegisterForm"
	_register_form.add_theme_constant_override("separation", 10)
	column.add_child(_register_form)
	_register_username = Kit.line_edit("RegisterUsername", "Username (1-20 characters)")
	var password_hint := "Password (at least 8 characters)"
	_register_password = Kit.line_edit("RegisterPassword", password_hint, true)
	_register_confirm = Kit.line_edit("RegisterConfirm", "Confirm password", true)
	_register_color = ColorChoice.new("Register")
	_register_button = Kit.button("RegisterSubmit", "Create account")
	_register_button.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	var cancel := Kit.button("RegisterCancel", "Cancel")
	_register_error = Kit.error_label("RegisterError")
	var fields: Array[LineEdit] = [_register_username, _register_password, _register_confirm]
	for field in fields:
		_register_form.add_child(field)
		field.text_submitted.connect(_on_register_submitted)
	_register_form.add_child(_register_color)
	_register_form.add_child(Kit.row([_register_button, cancel]))
	_register_form.add_child(_register_error)
	_register_button.pressed.connect(_submit_register)
	cancel.pressed.connect(_show_login)
	_register_color.color_changed.connect(_publish_color)
	_publish_color(_register_color.color)


func _show_login() -> void:
	_register_form.visible = false
	_login_form.visible = true
	_hide_error(_register_error)
	WebBridge.publish("form", "login")
	_username.grab_focus.call_deferred()


func _show_register() -> void:
	_login_form.visible = false
	_register_form.visible = true
	_hide_error(_login_error)
	WebBridge.publish("form", "register")
	_register_username.grab_focus.call_deferred()


func _on_login_submitted(_text: String) -> void:
	_submit_login()


func _on_register_submitted(_text: String) -> void:
	_submit_register()


func _submit_login() -> void:
	if Game.is_busy():
		return
	var username := _username.text.strip_edges()
	if username.is_empty() or _password.text.is_empty():
		_show_error(_login_error, "Enter your username and password")
		return
	_hide_error(_login_error)
	_log.add_line("Logging in as %s…" % username)
	_set_busy(true)
	Game.login(username, _password.text)


func _submit_register() -> void:
	if Game.is_busy():
		return
	if _register_password.text != _register_confirm.text:
		_show_error(_register_error, "Passwords do not match")
		_log.add_line("Passwords do not match", Game.Level.ERROR)
		return
	_hide_error(_register_error)
	# The username goes as typed: the server's rules and messages (length, spaces) apply.
	_log.add_line("Creating account %s…" % _register_username.text)
	_set_busy(true)
	Game.register(_register_username.text, _register_password.text, _register_color.color)


func _on_request_finished(request: int, ok: bool, reason: String) -> void:
	match request:
		Game.Request.LOGIN:
			_set_busy(false)
			if not ok:
				_show_error(_login_error, reason)
				_log.add_line(reason, Game.Level.ERROR)
				_password.select_all()
				_password.grab_focus()
		Game.Request.REGISTER:
			_set_busy(false)
			if ok:
				_log.add_line("Registration successful! Please log in.", Game.Level.SUCCESS)
				_username.text = _register_username.text
				_password.text = ""
				for field: LineEdit in [_register_username, _register_password, _register_confirm]:
					field.text = ""
				_show_login()
				_password.grab_focus.call_deferred()
			else:
				_show_error(_register_error, reason)
				_log.add_line(reason, Game.Level.ERROR)


func _set_busy(busy: bool) -> void:
	_login_button.disabled = busy
	_register_button.disabled = busy


func _show_error(label: Label, text: String) -> void:
	label.text = text
	label.visible = true
	WebBridge.publish("error", text)


func _hide_error(label: Label) -> void:
	label.text = ""
	label.visible = false
	WebBridge.publish("error", "")


func _publish_color(color: Color) -> void:
	WebBridge.publish("color", "#" + color.to_html(false))


static func _label(text: String) -> Label:
	var label := Label.new()
	label.text = text
	return label


static func _spacer() -> Control:
	var spacer := Control.new()
	spacer.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	return spacer
