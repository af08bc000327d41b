extends Control
## Connecting (and reconnecting) screen: where we connect to, what went wrong, and a countdown
## to the next attempt with a button to retry at once.

const Kit := preload("res://ui/menu_kit.gd")
const LogView := preload("res://ui/log_view.gd")

var _status: Label
var _error: Label
var _countdown: Label
var _retry: Button
var _log: LogView
var _shown_seconds: int = -1


func _ready() -> void:
	var column := Kit.screen(self)
	_status = Label.new()
	_status.name = "ConnectingStatus"
	_status.autowrap_mode = TextServer.AUTOWRAP_WORD_SMART
	_status.custom_minimum_size = Vector2(Kit.FIELD_WIDTH, 0)
	_status.horizontal_alignment = HORIZONTAL_ALIGNMENT_CENTER
	_status.add_to_group(Kit.UI_GROUP)
	column.add_child(_status)
	_error = Kit.error_label("ConnectingError")
	_error.horizontal_alignment = HORIZONTAL_ALIGNMENT_CENTER
	column.add_child(_error)
	_countdown = Label.new()
	_countdown.name = "ConnectingCountdown"
	_countdown.horizontal_alignment = HORIZONTAL_ALIGNMENT_CENTER
	_countdown.add_to_group(Kit.UI_GROUP)
	column.add_child(_countdown)
	_retry = Kit.button("ConnectingRetry", "Retry now")
	_retry.pressed.connect(Connection.reconnect_now)
	var retry_row := Kit.row([_retry])
	retry_row.alignment = BoxContainer.ALIGNMENT_CENTER
	column.add_child(retry_row)
	_log = Kit.log_view("ConnectingLog") as LogView
	column.add_child(_log)
	Connection.status_changed.connect(_on_status)
	Game.notice.connect(_on_notice)
	WebBridge.publish("error", "")
	_on_status(Connection.status, Connection.status_detail)


func _process(_delta: float) -> void:
	# Only touch the label when the whole second changes: no string building every frame.
	var seconds := ceili(Connection.retry_in())
	if seconds == _shown_seconds:
		return
	_shown_seconds = seconds
	_countdown.text = "Retrying in %d s" % seconds if seconds > 0 else ""
	_countdown.visible = seconds > 0
	_retry.visible = seconds > 0


func _on_status(status: int, detail: String) -> void:
	if detail.is_empty():
		detail = "Connecting to %s…" % Connection.server_url()
	var level: int = Game.Level.INFO
	if status == Connection.Status.OPEN:
		level = Game.Level.SUCCESS
		_error.visible = false
		WebBridge.publish("error", "")
	if Connection.retry_in() > 0.0 or status == Connection.Status.CLOSED:
		# A failure: keep it on screen while the next attempts run.
		level = Game.Level.WARNING
		_error.text = detail
		_error.visible = true
		WebBridge.publish("error", detail)
	else:
		_status.text = detail
	_log.add_line(detail, level)


func _on_notice(text: String, level: int) -> void:
	_status.text = text
	_log.add_line(text, level)
