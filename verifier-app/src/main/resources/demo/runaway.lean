-- Never finishes: the verifier must stop it at the time limit and kill the REPL.
partial def spin (n : Nat) : Nat := spin (n + 1)

-- sim: hang
#eval spin 0
