# What the clusters say (src/engine/provider/, `workshop rehearsal serve`) and class mode's HTTP
# errors (src/class/http.rs).
