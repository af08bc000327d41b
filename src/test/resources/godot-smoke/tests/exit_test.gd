extends Node
## A test scene as the codec's golden-vector test will be: print results, then quit with a code.


func _ready() -> void:
	var extra := FileAccess.get_file_as_string("res://tests/extra.txt")
	print("[exit-test] extra=%s" % extra.strip_edges())
	get_tree().quit(7)
