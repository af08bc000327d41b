extends Node


func _ready() -> void:
	print("[smoke] autoload ready")
