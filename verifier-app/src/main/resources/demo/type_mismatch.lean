-- sim: error Type mismatch: "hello" has type String but is expected to have type Nat
def answer : Nat := "hello"
