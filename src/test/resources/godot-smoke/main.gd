extends Node2D
## Smoke scene: prints, draws known colours, reacts to a click, typing and a key, publishes
## window.rumble like the real client's WebBridge.

var _presses: int = 0


func _ready() -> void:
	print("[smoke] ready: %s" % SmokeHelper.greet("web"))
	$Hello.pressed.connect(_on_hello_pressed)
	$Name.text_submitted.connect(_on_name_submitted)
	_publish()


func _draw() -> void:
	draw_rect(Rect2(0, 0, 64, 64), Color(1, 0, 0))
	draw_circle(Vector2(900, 150), 40, Color(0, 1, 0))


func _unhandled_key_input(event: InputEvent) -> void:
	var key := event as InputEventKey
	if key != null and key.pressed and key.keycode == KEY_F2:
		print("[smoke] key F2")


func _input(event: InputEvent) -> void:
	var motion := event as InputEventMouseMotion
	if motion != null and motion.position.distance_to(Vector2(1000, 500)) < 5:
		print("[smoke] mouse at 1000,500")


func _on_hello_pressed() -> void:
	_presses += 1
	print("[smoke] pressed Hello")
	_publish()


func _on_name_submitted(text: String) -> void:
	print("[smoke] submitted " + text)


func _publish() -> void:
	if not OS.has_feature("web"):
		return
	var ui := {}
	for node: Node in get_tree().get_nodes_in_group("ui"):
		var control := node as Control
		var rect := control.get_global_rect()
		ui[String(control.name)] = [rect.position.x, rect.position.y, rect.size.x, rect.size.y]
	var state := {"state": "smoke", "ui": ui, "game": {"presses": _presses}}
	JavaScriptBridge.eval("window.rumble = %s;" % JSON.stringify(state), true)
