# What the clusters say (src/engine/provider/, `workshop rehearsal serve`) and class mode's HTTP
# errors (src/class/http.rs).

## minikube (src/engine/provider/minikube.rs)

minikube-failed-hint = read minikube's output above; `minikube logs -p { $profile }` has more. A driver problem is the usual cause
minikube-timed-out-hint = give the step more time with `timeout = "20m"`, or run with --timeout 2

## A cluster lost during a run, an existing cluster (src/engine/provider/mod.rs, existing.rs)

lost-replaced-hint = everything the lab made went with the old cluster: start the lab over (the command is below); --resume cannot continue on another cluster
lost-minikube-hint = is minikube still running? `minikube status -p { $profile }` (and `minikube start -p { $profile }` to start it again)
lost-existing-hint = is the cluster still running? `kubectl --context { $context } cluster-info`
existing-using-context = using kube context { $context }
existing-addon-needs-minikube = `{ $command }` needs the minikube provider
existing-addon-hint = on an existing cluster, install the equivalent yourself (e.g. ingress-nginx), or mark the step `optional = true`
lab-kubeconfig-cannot-write = cannot write the private kubeconfig for the lab's commands: { $error }
lab-kubeconfig-cannot-write-hint = make the temporary folder writable (TMPDIR)
kubeconfig-current-context = (current)
kubeconfig-unusable = the kube context cannot be used: { $error }

## The rehearsal cluster, embedded or attached (src/engine/provider/rehearsal.rs, src/rehearsal/error.rs)

rehearsal-not-one = { $server } is not a workshop rehearsal cluster ({ $why })
rehearsal-not-one-hint = start one with `{ $command }`, or use --cluster existing for other clusters
rehearsal-vanished-faults = the embedded rehearsal cluster stops answering only when told to: { $faults }
rehearsal-vanished-embedded = the embedded rehearsal cluster stopped answering; please report this
rehearsal-vanished-attached = is `{ $command }` still running? Start it again with that command
rehearsal-embedded-unreachable-hint = the rehearsal cluster should always answer; please report this
rehearsal-attach-no-kubeconfig-hint = start the rehearsal cluster first, in another terminal: { $command }; or drop --kubeconfig to use the built-in rehearsal
rehearsal-attach-unreachable-hint = is `{ $command }` still running? start it again, or drop --kubeconfig to use the built-in rehearsal
rehearsal-invalid-version = invalid Kubernetes version "{ $version }" for the rehearsal cluster (expected something like v1.31.0)
rehearsal-cannot-bind = could not bind the rehearsal API server to 127.0.0.1: { $error }
rehearsal-cannot-write-kubeconfig = could not write the rehearsal kubeconfig { $path }: { $error }
rehearsal-unknown-addon = unknown minikube addon "{ $addon }"; the rehearsal cluster emulates: { $known }
rehearsal-addon-failed = could not { $enable ->
    [yes] enable
   *[no] disable
} addon { $addon }: { $error }
rehearsal-no-signal = could not wait for Ctrl-C: { $error }

## workshop rehearsal serve (src/rehearsal/mod.rs)

rehearsal-serve-listening = workshop REHEARSAL cluster (Kubernetes { $version }) listening on { $address }
rehearsal-serve-what = This is a REHEARSAL: the API is real, but no containers run; pods only look like they do.
rehearsal-serve-addons = Addons: { $addons }
rehearsal-serve-faults = Faults: { $faults } (docs/reliability.md)
rehearsal-serve-restarts-after = restarts without its data { $after } after start
rehearsal-serve-vanishes-after = stops answering for good { $after } after start
rehearsal-serve-try = Try:        { $command }
rehearsal-serve-stop = Press Ctrl-C to stop.
rehearsal-serve-down = the API server restarts without its data (--faults restart): port closed
rehearsal-serve-restarted = the API server is back, without its data: a fresh cluster
rehearsal-serve-vanished = the API server vanished (--faults vanish): port closed for good
rehearsal-serve-event = workshop REHEARSAL: { $event }
rehearsal-serve-stopped = workshop REHEARSAL cluster stopped.
rehearsal-serve-stopped-faults = workshop REHEARSAL cluster stopped. Faults injected: { $faults }.

## workshop doctor (src/doctor.rs)

doctor-var-not-name-value = `{ $value }` is not NAME=VALUE

## Class mode's HTTP client (src/class/http.rs)

class-url-unparsable = it does not parse as a URL
class-url-scheme = it must start with http:// or https://
class-url-no-host = it names no host
class-url-no-ca = no CA certificates to check it with ({ $error }); set SSL_CERT_FILE to the class's certificate
class-no-answer-within = no answer within { $seconds }s

## The operating system's errors, by kind (src/os_error.rs); the OS's own text goes to -v logs

os-not-found = no such file or directory
os-permission-denied = permission denied
os-connection-refused = connection refused
os-connection-reset = connection reset by the other side
os-connection-aborted = connection aborted
os-not-connected = not connected
os-addr-in-use = address already in use
os-addr-not-available = address not available on this machine
os-broken-pipe = the other side closed the connection (broken pipe)
os-already-exists = already exists
os-timed-out = timed out
os-interrupted = interrupted by a signal
os-unexpected-eof = the connection closed before the answer was complete
os-host-unreachable = host unreachable
os-network-unreachable = network unreachable
os-network-down = the network is down
os-is-a-directory = is a directory
os-not-a-directory = not a directory
os-directory-not-empty = directory not empty
os-read-only-filesystem = read-only file system
os-storage-full = no space left on the device
os-quota-exceeded = disk quota exceeded
os-file-too-large = file too large
os-out-of-memory = out of memory
os-error-code = system error { $code }

## A class server's refusals a learner can meet, by their code (src/class/protocol.rs)

class-refused-wrong-join-code = this join code is not the class's; ask the instructor for the code `workshop class serve` printed
class-refused-bad-name = a learner's name is 1 to { $max } printable characters
class-refused-not-a-learner = not a learner of this class; join first with the join code
