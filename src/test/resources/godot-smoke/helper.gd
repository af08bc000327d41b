class_name SmokeHelper
extends RefCounted


static func greet(who: String) -> String:
	return "hello " + who
