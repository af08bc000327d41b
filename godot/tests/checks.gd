extends Node
## Base of the in-engine test scenes that count checks: _ready() runs the scene's _run(), prints
## "[test] <suite>: N passed, M failed" (what the Java tests read) and quits with the failures.

var passed: int = 0
var failed: int = 0


func _ready() -> void:
	_run()
	print("[test] %s: %d passed, %d failed" % [_suite(), passed, failed])
	get_tree().quit(1 if failed > 0 else 0)


## The name in the summary line.
func _suite() -> String:
	return "checks"


## The checks; a scene overrides it.
func _run() -> void:
	pass


func check(ok: bool, what: String) -> void:
	if ok:
		passed += 1
	else:
		failed += 1
		print("[test] FAIL ", what)
