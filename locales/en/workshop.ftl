# workshop's own words, in English: the reference catalogue.
# Every message here must exist in every other locales/<lang>/workshop.ftl with the same
# variables (a unit test checks it). See docs/languages.md.

## Language choice

lang-not-offered = --lang { $asked }: this lab is not written in `{ $asked }`
lang-not-offered-expected = one of the lab's languages: { $offered }
lang-not-offered-hint = choose one: { $choices }

## A run, as it goes

run-started = lab { $lab_id }: { $title } ({ $steps ->
    [one] 1 step
   *[other] { $steps } steps
})
run-started-short = ({ $lab_id }, { $steps ->
    [one] 1 step
   *[other] { $steps } steps
})
run-cluster = cluster: { $cluster }
rehearsal-label = REHEARSAL
rehearsal-note = no containers run; steps that need them are skipped, never passed
step-header = step { $index }/{ $total }
step-label = step { $index }
check-checking = checking { $description } (timeout { $timeout })
check-waiting = waiting: { $observed } · { $elapsed } of { $timeout }
elapsed-of = { $elapsed } of { $timeout }
check-failed-after = after { $elapsed }
hint-line = hint: { $hint }
background-started = background started: { $description }
background-running = background: { $description }
background-stopped = background stopped: { $description }

## Why a check failed

failure-diagnosis = diagnosis: { $text }
failure-expected = expected: { $text }
failure-observed = observed: { $text }
failure-api-error = last API error: { $text }
failure-events = recent events:

## How a step ended

status-passed = passed
status-failed = failed
status-skipped = skipped: { $why }
status-optional-failed = failed (optional, the run goes on)
status-already-done = already done
status-interrupted = interrupted
skip-needs-real-cluster = needs a real cluster (the rehearsal runs no containers)
skip-dependency = depends on `{ $dep }`, which did not pass
skip-at-request = at your request

## The summary

summary-passed = { $count } passed
summary-passed-already = { $count } passed ({ $already } already done)
summary-failed = { $count } failed
summary-interrupted-step = `{ $id }` interrupted
summary-skipped = { $count } skipped
summary-optional-failed = { $count } optional failed
summary-interrupted-by = interrupted by { $signal }:
summary-interrupted = interrupted:
summary-line = { $parts } in { $elapsed }
later-steps-not-run = { $count ->
    [one] 1 later step not run
   *[other] { $count } later steps not run
}
quit-note = stopped at your request (q); background processes are stopped
quit-note-recorded = stopped at your request (q); background processes are stopped and the progress is recorded

## Resuming

resume-what-stopped = stopped
resume-what-failed = step `{ $id }` failed
resume-what-interrupted = interrupted
resume-hint-rehearsal = { $what }; the rehearsal cluster is gone with the run, so start over with: { $command }
resume-hint-fix = { $what }; after fixing it, resume with: { $command }
resume-hint = { $what }; resume with: { $command }
resume-hint-again = { $what }; to run it again: { $command }
resume-checking = resuming: { $count ->
    [one] 1 step
   *[other] { $count } steps
} completed earlier against this cluster; checking that what they left still holds
resume-still-holds = ✔ what they left still holds ({ $asked ->
    [one] 1 check asked
   *[other] { $asked } checks asked
}{ $left_out ->
    [0] {""}
   *[other] ; { $left_out } left out: moments of their steps, or changed on purpose by later steps
})
resume-hint-replaced = { $what }: the cluster was replaced (restarted without its data), so start the lab over: { $command } (`{ $reset }` first forgets the old progress; --resume would refuse: the cluster it recorded is gone)
resume-hint-vanished = { $what }; once the cluster answers again, resume with: { $command }
resume-no-longer-holds = ✖ no longer holds: { $what }
resume-cluster-changed = the cluster changed since those steps ran; the run goes on (run one again with --only ID, or `workshop reset` to start over)

## Step mode and pauses

prompt-question-rehearsal = ▶ Enter: run this step · s: skip it · q: quit · ?: help
prompt-question = ▶ Enter: run this step · s: skip it · q: quit (resume later with --resume) · ?: help
prompt-wrong-key = `{ $key }` does nothing here: press Enter to run this step, s to skip it, q to quit, or ? for help.
prompt-help =
    Enter   run this step: its action, then its checks
    s       skip it (steps that need it are skipped too; you are asked first)
    q       stop here: background processes stop; on a real cluster --resume goes on from here
    ?       this help
    Ctrl-C  stop at once, like q
prompt-skip-needed = ⚠ { $count ->
    [one] { $later } needs `{ $step }`
   *[other] { $later } need `{ $step }`
}: skipping it makes { $count ->
    [one] it fail
   *[other] them fail
} or be skipped. s: skip anyway · Enter: run it · q: quit
prompt-end-of-input = end of input: no more answers can come, so the run stops here
end-of-input-note = stopped: the input ended at a step card; background processes are stopped
end-of-input-note-recorded = stopped: the input ended at a step card; background processes are stopped and the progress is recorded
card-manifests = the manifests it applies, rendered: { $path }
confirm-choices = [y/N]
pause-default = Press Enter to continue.
pause-enter = [Enter]
pause-no-terminal = pause: { $text } (not waiting: no terminal)

## What a check verifies

describe-kind-with = the { $kind } with { $selector }
describe-with = with { $selector }
describe-in-any-namespace = in any namespace
describe-in-namespace = in { $namespace }
check-exists = { $target } exists
check-absent = { $target } is absent
check-absent-field = { $target } has no { $path }
check-condition = { $target } condition { $condition }
check-rollout = { $target } rolled out (all replicas updated and ready)
check-count-ready = { $count ->
    [one] { $count } Ready pod
   *[other] { $count } Ready pods
}
check-count = { $count ->
    [one] { $count } { $kind }
   *[other] { $count } { $kind }s
}
check-default-storage-class = exactly one default StorageClass, and it is { $name }
check-pvc-bound = { $target } is Bound
check-pvc-class = class { $class }
check-pvc-volume = to volume { $volume }
check-recreated = { $target } recreated with a new uid (was { $uid }) and Ready
check-ingress-address = { $target } has an address
check-http = { $method } { $url } answers { $status }
check-http-body = body contains { $text }
expect-all-equal = all { $path } = { $value }
expect-any-equal = any { $path } = { $value }
expect-contains = { $path } contains { $value }
capture-before = before the action
capture-after = after the checks
capture-marker = a new unique marker `{ $prefix }-…`
capture-answer-path = the answer's { $path }
capture-answer = the whole answer
confirm-yes-words = y yes

## The handout (export --format md)

md-capabilities = What this lab does on your machine
md-capabilities-intro = Besides kubectl on the lab's cluster, the commands below do these things. `workshop run` lists them and asks before it runs a lab that does them (unless it is a lab shipped with workshop, unchanged).
md-banner = Lab `{ $lab }` · { $cluster } · Kubernetes { $version } · generated by `workshop export` from `{ $source }`; run it with checks: `workshop run { $source }`
md-variables = Variables
md-variables-name = name
md-variables-value = value
md-variables-meaning = meaning
md-variables-change = Change one with `--var NAME=VALUE` when you run or export the lab.
md-steps = Steps
md-cleanup = Cleanup
md-cleanup-intro = `workshop reset { $source }` runs these steps.
md-flag-optional = optional
md-flag-background = keeps running in the background
md-records = records { $what }
md-check-within = { $check } (within { $timeout })
md-what-it-checks = What workshop checks:
md-needs = Needs { $steps }.
cluster-existing = an existing cluster
cluster-minikube-profile = minikube profile `{ $profile }`

## workshop plan

plan-cluster = cluster: { $provider } · profile { $profile } · Kubernetes { $version } ({ $live ->
    [live] live
   *[assumed] assumed until a cluster answers
})
plan-vars = vars: { $vars }
plan-cleanup = cleanup (workshop reset)
plan-flag-optional = optional
plan-flag-pause = pause
plan-flag-background = background
plan-flag-real-cluster = needs a real cluster
plan-capture = capture { $what }
plan-check = check { $what }
plan-within = (within { $timeout })
plan-needs = needs { $steps }
plan-rendered = # { $file } (rendered)

## What actions did

action-objects-created = { $done } of { $count } objects created from { $template }
action-objects-applied = { $done } of { $count } objects applied from { $template }
action-found = { $count } found
action-patched = { $object } patched ({ $kind })
action-scaled = { $object } scaled to { $replicas } replicas
action-background = { $command } running in the background
action-exited = `{ $command }` exited { $code }
action-exec-exited = `{ $command }` in pod/{ $pod } exited { $code }
action-forwarding = forwarding { $description }
action-deleted = { $object } deleted
action-delete-waiting = waiting until { $object } (uid { $uid }) is gone, up to { $timeout }
action-gone = { $object } (uid { $uid }) gone
action-gone-recreate = { $object } (uid { $uid }) gone; its controller may recreate it
captured = captured { $name } = { $value }

## Clusters

rehearsal-addon = rehearsal: addon { $addon } { $enabled ->
    [yes] enabled
   *[no] disabled
}
rehearsal-ready = rehearsal cluster ready
rehearsal-ready-addons = rehearsal cluster ready with addons { $addons }
rehearsal-embedded = REHEARSAL cluster (no containers run), Kubernetes { $version } at { $address }
rehearsal-faults = with faults { $faults } ({ $variable })
rehearsal-attached = REHEARSAL cluster (no containers run) at { $server }, attached through { $kubeconfig }
rehearsal-serve-node = Node: { $node } (named after the minikube profile)
rehearsal-node-mismatch = this rehearsal's node is { $nodes }, not { $profile } (minikube names it after the lab's profile); for a cluster like the lab's (node, version, addons), stop it and run `{ $command }`
minikube-reusing = profile { $profile } is already running; reusing it
minikube-reused = reused running profile { $profile }
minikube-started = minikube profile { $profile } started
minikube-addon = addon { $addon } { $enabled ->
    [yes] enabled
   *[no] disabled
}
cluster-minikube = minikube profile { $profile } ({ $binary })
cluster-existing-context = existing cluster, kube context { $context }

## What a waiting check sees

seen-claim-missing = the claim does not exist
seen-phase = phase { $phase }
seen-class = class { $class }
seen-no-class = no class
seen-volume = volume { $volume }
seen-rollout = { $ready }/{ $desired } ready, { $updated } updated
seen-rollout-stale = the controller has not seen the latest change yet
seen-not-recreated = gone, not recreated yet
seen-old-object = still the old object (uid { $uid })
seen-recreated-not-ready = recreated (new uid { $uid }), { $phase }, not Ready yet
seen-recreated = recreated with new uid { $uid }
seen-ingress-missing = the Ingress does not exist
seen-no-address = no address yet
seen-address = address { $address }
seen-found = found{ $places } (uid { $uid })
seen-not-found = not found
seen-similar = { $observed }; similar: { $objects }
seen-terminating = still there{ $places }, being deleted (Terminating)
seen-still-there = still there{ $places }
seen-ready-pods = { $ready }/{ $want } Ready ({ $pods ->
    [one] 1 pod
   *[other] { $pods } pods
})
seen-count = { $count } of { $want }
seen-no-default-class = no StorageClass is marked default
seen-default-class = default: { $name }
seen-default-classes = { $count } defaults: { $names }
seen-no-condition = no { $condition } condition yet
word-or = or
keep-running-forward = { $name } is at { $address } (port-forward to svc/{ $service })
keep-running-still = still running: { $description }
keep-running-stop = { $count ->
    [one] press Enter to stop
   *[other] press Enter to stop them all
}
interrupt-stopping = ⏹ { $signal }: stopping the running step and background processes (SIGTERM, then SIGKILL after { $grace } s; a second signal stops them at once)

## workshop doctor

doctor-item-scenario = scenario
doctor-item-rehearsal = rehearsal
doctor-item-cluster = cluster
doctor-item-kube-context = kube context
doctor-item-variables = variables
doctor-item-manifests = manifests
doctor-item-local-port = local port
doctor-item-driver = driver
doctor-fix = fix:
doctor-ready = ready: everything the run needs is here
doctor-not-ready = { $count ->
    [one] not ready: 1 problem to fix
   *[other] not ready: { $count } problems to fix
}
doctor-scenario-valid = { $path } is valid
doctor-scenario-problems = { $path } has { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
doctor-scenario-fix = run `{ $command }` to see them
doctor-heading-lab = workshop doctor: lab { $lab } on { $provider } (profile { $profile })
doctor-rehearsal-built-in = built into workshop: nothing to install, no containers run
doctor-rehearsal-answers = a `workshop rehearsal serve` answers at { $server }
doctor-rehearsal-serve-fix = start it with `{ $command }`, or drop --kubeconfig to use the built-in rehearsal
doctor-profile-answers = profile { $profile } answers at { $server }
doctor-profile-not-running = profile { $profile } is not running yet; the lab's start-cluster step starts it
doctor-profile-cannot-start = profile { $profile } is not running, and without minikube nothing can start it
doctor-profile-cannot-start-fix = install minikube (see the minikube line above), or try the lab without containers: --cluster rehearsal
doctor-context-answers = { $context }: { $server } answers
doctor-check-cluster-info = check `kubectl cluster-info`
doctor-api-silent = { $context }: the API server did not answer within { $seconds }s
doctor-api-silent-fix = is the cluster running? `kubectl cluster-info` shows where it should be
doctor-variables-fix = fix the --var values
doctor-manifests-fix = run `workshop validate` on the scenario
doctor-version-serves = { $version } ({ $source ->
    [cluster] the cluster's
   *[scenario] the scenario's
}) serves every API of the lab's { $objects } objects
doctor-version-unserved = { $version } ({ $source ->
    [cluster] the cluster's
   *[scenario] the scenario's
}) does not serve { $apis }
doctor-version-fix = run on a version that serves them (--kubernetes-version), or emit them only where served: {"{"}% if "…" in cluster.api_versions %{"}"}
doctor-port-free = 127.0.0.1:{ $port } is free (step { $step })
doctor-port-busy = 127.0.0.1:{ $port } is in use (needed by step { $step })
doctor-port-busy-fix = stop what listens there (`ss -ltnp | grep { $port }`), or pick another port: { $choice }
doctor-not-on-path = not found on PATH
doctor-minikube-silent = { $path } does not answer `minikube version`
doctor-minikube-reinstall = reinstall minikube (https://minikube.sigs.k8s.io/docs/start/)
doctor-no-driver = no minikube driver found (docker, podman, virtualbox, kvm2, hyperkit, qemu)
doctor-no-driver-fix = install Docker (https://docs.docker.com/engine/install/) or Podman, the drivers minikube picks first
doctor-no-kubectl = not found (optional: workshop talks to the API itself)
doctor-no-kubectl-fix = install kubectl (https://kubernetes.io/docs/tasks/tools/) to follow along by hand, or use `minikube kubectl --`
doctor-version-unknown = version unknown
start-cluster-server = Kubernetes { $version } at { $server }
minikube-install-hint = install minikube (https://minikube.sigs.k8s.io/docs/start/) and a driver such as Docker; or rehearse the lab without it: workshop run { $scenario } --cluster rehearsal
action-objects-adopted = { $count } adopted (created before the interruption)
captured-kept = kept { $name } = { $value } (captured before)

## workshop validate

validate-ok = { $path } is valid: lab `{ $lab }` ({ $title }), { $steps ->
    [one] 1 step
   *[other] { $steps } steps
}, { $cleanup ->
    [one] 1 cleanup step
   *[other] { $cleanup } cleanup steps
}, { $templates ->
    [one] 1 template
   *[other] { $templates } templates
} rendering { $objects ->
    [one] 1 object
   *[other] { $objects } objects
} for Kubernetes { $version }

## What a field comparison observes

# `items` names what a path selects several of: `containers' image`, or `containers`.
path-items = { $noun }' { $rest }
path-items-default = items
expect-count = { $count } { $items } ({ $path })
seen-more-in-all = … ({ $count } in all)
seen-selects-nothing = no { $items }: { $path } selects nothing
seen-not-set = { $path } is not set
seen-count-values = { $count } { $items }
seen-all-equal = all { $count } { $items } = { $value }
seen-some-equal = { $matching } of { $count } { $items } = { $value }; the others: { $others }
seen-any-equal = { $matching } of { $count } { $items } = { $value }
seen-none-equal = none of { $count } { $items } = { $value }: { $found }
seen-values = { $path } = { $values } ({ $count ->
    [one] 1 value
   *[other] { $count } values
})
seen-contains-map = { $path } is a map: `contains` on a map takes a table of entries, such as {"{"} app = "web" {"}"} (found { $found })
seen-field-absent = no { $path }
seen-field-there = { $path } { $count ->
    [one] is there
   *[other] selects { $count } values
}: { $values }
seen-first-answer = waiting for the first answer from the API server
seen-watch-ended = the watch stream ended
seen-watch-retrying = { $observed } (watch interrupted, retrying)

## HTTP answers

http-no-answer-within = { $method } { $url } did not answer within { $timeout }
http-status-not = status { $status } (expected { $want })
http-body-lacks = status { $status }, body does not contain { $want }: { $body }
http-body-not-json = status { $status }, the body is not JSON: { $body }
http-json-expected = { $want } expected; found { $found }
http-status = status { $status }
http-retrying = { $error } (retrying)
http-answer-mismatch = the answer does not match: { $why }

## Diagnoses of a failed check

diagnosis-image-pull = an image cannot be pulled; check the image name and tag (Bitnami moved its versioned images to docker.io/bitnamilegacy/ in 2025). { $event }
diagnosis-no-default-class = the claim is Pending because no StorageClass is marked default and the claim names none; mark one default (the StorageClass steps)
diagnosis-claim-not-bound = the claim is not Bound yet (default StorageClass: { $classes }); its provisioner may still be starting
diagnosis-no-ingress-controller = the Ingress has no address because no ingress controller is installed (enable the ingress addon)
diagnosis-ingress-controller-not-ready = the Ingress has no address yet because the ingress controller is not Ready
diagnosis-ingress-no-address = the ingress controller is Ready but has not published an address for this Ingress; check its ingressClassName

## Problems, drawn as file:line:col with what was expected and a hint

diag-error = error:
diag-expected = expected:
diag-hint = hint:
diag-problems-found = { $count ->
    [one] 1 problem found
   *[other] { $count } problems found
}
one-of = one of { $items }
did-you-mean = did you mean `{ $word }`?

## Reading a scenario file

load-not-found-hint = check the path; `workshop list` shows the scenarios in scenarios/
load-toml-syntax = TOML syntax error: { $error }
load-toml-syntax-hint = see https://toml.io for the syntax; strings need quotes, tables `[name]`
load-unknown-table = unknown top-level table `{ $table }`
load-unknown-table-hint = a scenario has [lab], [cluster], [vars], [[steps]] and [[cleanup]]
load-no-lab = the scenario has no [lab] table
load-no-lab-expected = a [lab] table with id and title
load-no-lab-hint = start the file with:
    {"["}lab]
    id = "my-lab"
    title = "My lab"
load-vars-not-table = `vars` must be a table, found { $found }
load-vars-not-table-expected = [vars] with `name = "default"` lines
load-not-array = `{ $table }` must be an array of tables
load-not-array-expected = [[{ $table }]] tables, one per step
load-not-array-hint = write each step as a `[[{ $table }]]` table with id, title and one action
load-unknown-field = unknown field `{ $field }`
load-missing-field = missing field `{ $field }`
load-step-field-expected = a step field ({ $fields }) or one action key
load-check-key-expected = one check key ({ $keys }) and the shared `timeout` and `hint`
load-duration-expected = a duration: a number with a unit, such as "30s", "2m" or "1m 30s"
load-duration-hint = units: ms, s, m, h; several parts may be combined ("1m 30s")
load-step-one-action-hint = a step holds one action: { $actions }; checks go in [[steps.checks]]
load-check-one-key-hint = a check holds one check key; write one [[steps.checks]] table per check
load-unknown-field-hint = remove `{ $field }` or check its spelling
load-missing-field-hint = add `{ $field } = …` to this table
load-lab-hint = [lab] needs id and title; see docs/scenario-format.md
load-cluster-hint = see the [cluster] section of docs/scenario-format.md

## workshop reset

reset-all-not-minikube = --all deletes the minikube profile, and this reset targets the { $provider } cluster
reset-all-not-minikube-expected = --all only with the minikube provider
reset-all-not-minikube-hint = leave out --all: { $command }
reset-will-delete-profile = delete the minikube profile { $profile } (minikube delete -p { $profile })
reset-will-forget-state = forget the resume state { $path }
reset-needs-terminal = reset asks for confirmation, and standard input is not a terminal
reset-needs-terminal-expected = a terminal to answer on, or --yes
reset-needs-terminal-hint = add --yes to reset without asking: { $command }
reset-intro = Reset lab `{ $lab }` on the { $provider } cluster:
reset-go-ahead = Go ahead?
reset-nothing-changed = nothing was changed
reset-cluster-not-running = the cluster is not running, so its cleanup steps cannot run
reset-cluster-not-running-hint = start it (`minikube start -p { $profile }`) and reset again, or delete the whole profile: { $command }
reset-title = reset: { $title }
reset-state-cleared = resume state cleared ({ $path })
reset-no-state = no resume state to clear
reset-state-not-removed = warning: cannot remove { $path }: { $error }
reset-deleting-profile = deleting the minikube profile { $profile }
reset-profile-deleted = ✔ minikube profile { $profile } deleted
reset-profile-not-deleted = ✖ minikube delete -p { $profile } failed: { $error }
cleanup-kind-not-served = already clean: this cluster does not serve { $kind } ({ $group_version }), so there is none
cleanup-already-gone = already clean: { $object } does not exist

## The bash script of `workshop export --format sh` (its comments and the messages it prints)

export-cannot-script = cannot export the lab as a script: { $why }
export-cannot-script-hint = the Markdown handout (--format md) shows every step without running anything
export-word-nul = { $what } holds a NUL character, which no command argument can carry
export-word-transformed = { $what } transforms a captured value (a filter on a capture?), which a script cannot repeat
export-cannot-write = -o { $path }: cannot write the handout: { $why }
export-cannot-write-hint = choose a file in a folder that exists and that you can write to
export-wrote = wrote { $path }
export-what-step = step `{ $step }`
export-what-capture = capture `{ $capture }`
export-what-pause = the pause of step `{ $step }`
export-what-check = a check
sh-intro = Lab { $lab }: the equivalent minikube/kubectl/curl commands of every step, in order.
sh-generated = Generated by `workshop export --format sh` from { $source }; `workshop run` runs the
    same steps and proves each one with checks. Here the checks are comments, and waits where
    kubectl or curl can wait.
sh-variables = Variables: { $vars }
sh-capabilities = What this script does besides kubectl on the lab's cluster (`workshop run` asks before it
    runs a lab that does these things; this script does them as it goes):
sh-create-allowing-existing = `kubectl create` that leaves objects that exist already alone (`allow-existing` in the lab):
    it fails only when an error other than AlreadyExists is reported.
sh-json-plain = A captured value goes into a JSON document below only when it holds nothing JSON escapes.
sh-json-plain-refusal = capture %s holds a quote, backslash or control character; it cannot go into JSON here
sh-reset = `bash { $script } reset` undoes the lab instead, as `workshop reset` does (every step is tried).
sh-background-stopped = Background processes (port-forward, tunnel) are stopped when the script ends.
sh-background-still-running = Background processes are still running. Press Enter to stop them and finish.
sh-secrets = Secret values appear only where a Secret is created or patched; elsewhere they show as { $mask }:
    put your own in before you run those commands.
sh-optional-failed = optional step failed; going on
sh-check = check: { $check }
sh-capture-background = { $var }: a background process gives no answer here; workshop records it
sh-captured = captured %s = %s

## Consent (src/trust/): shown from these built-in catalogues only, never a lab's

caps-this-lab = this lab:
caps-programs = runs programs on this machine
caps-pod-commands = runs commands in pods
caps-hosts = sends HTTP requests to
caps-grants = grants powerful roles
caps-other-grants = other cluster-wide grants
caps-reads = reads: { $files }
caps-by-step = step { $id }
caps-by-cleanup-step = cleanup step { $id }
caps-by-check = a check of { $by }
caps-by-extra-flags = { $by }, with the lab's extra-flags
caps-by-template = template { $template }
caps-in-pod = { $command } in pod { $pod }
caps-captured-address = the address in `{ $url }`, taken at run time from { $captures }
caps-in-namespace = in namespace { $namespace }
caps-cluster-wide = cluster-wide
caps-grant = { $binding } gives { $role } to { $subjects } { $scope }
trust-not-trusted = lab `{ $lab }` ({ $path }) has not been trusted on this machine. This lab:
trust-question = { $what } it?
trust-why-no-terminal = there is no terminal to ask on
trust-why-not-yes = you did not say yes
trust-refused = lab `{ $lab }` was not { $what }: it has not been trusted on this machine and { $why }
trust-refused-expected = your consent for what this lab does:
    { $uses }
trust-refused-hint = read the lab first (`workshop plan { $path }`); then { $what } it on a terminal to be asked once, trust it with `workshop trust { $path }`, or add --trust to trust this { $what } only
trust-cannot-remember = warning: cannot remember the answer in { $path }: { $error }; you will be asked again
trust-no-data-folder = warning: no data folder to remember the answer in; you will be asked again
trust-note-bundled = trusted: a lab shipped with workshop, unchanged (docs/security.md)
trust-note-remembered = trusted: you trusted this lab's content on this machine before
trust-note-given = trusted: you said yes; this lab's content is remembered as trusted
trust-note-flag = trusted for this run only (--trust)
trust-standing-not-needed = consent: not needed (it runs no programs, reaches no hosts and grants no powerful roles)
trust-standing-bundled = consent: not asked, a lab shipped with workshop, unchanged
trust-standing-remembered = consent: not asked, you trusted this content on this machine (`workshop trust --revoke` forgets it)
trust-standing-asks = consent: `workshop run` asks before it runs this lab, and refuses without a terminal unless --trust is given (docs/security.md)

## Class mode, in the learner's terminal

class-announcement = 📣 from the instructor: { $text }
class-not-reported = class: { $error }; this run is not reported to the class
class-unreachable = class: the class server { $url } is unreachable ({ $why }); the lab goes on, and its progress will be sent when the server is back
class-not-sent-yet = class: { $count ->
    [one] 1 event not sent yet; it is
   *[other] { $count } events not sent yet; they are
} kept in { $path } and sent by the next run of this lab
class-it-answered = it answered { $status }
class-bad-url = `{ $url }` is not a class server URL: { $why }
class-server-answered = the class server answered { $status }: { $error }
class-not-understood = the class server's answer is not understood: { $why }

## Class mode, on the instructor's side: the boards' words (src/class/strings.rs, served to the
## web board as /strings.json and drawn by the terminal board) and what `class serve`, `class
## board`, `class announce` and `class check` say

board-title = Class board
board-learners = learners
board-learners-one = learner
board-learner = Learner
board-stuck = stuck
board-finished = finished
board-finished-one = finished
board-offline = offline
board-on-step = on step
board-waiting-on = waiting on
board-past = past
board-expected = expected
board-observed = observed
board-hint = hint
board-diagnosis = diagnosis
board-events = recent events
board-steps = steps
board-announce = Announce
board-announce-placeholder = An announcement or a hint for every learner (shown at their next step)
board-announcements = Announcements
board-no-learners = No learner has joined yet.
board-join-line = Learners join with
board-live = live
board-reconnecting = reconnecting…
board-pending = pending
board-running = running
board-passed = passed
board-failed = failed
board-skipped = skipped
board-interrupted = interrupted
board-reset = reset
board-pull = checked by the instructor
board-close = Close
board-seconds = s
board-minutes = min
board-optional-failed = optional step failed
board-already-done = already done
board-wrong-key = the instructor key is missing or wrong; use the board URL `workshop class serve` printed (it ends in ?key=…)
board-reconnecting-because = { $reconnecting } ({ $error })

class-default-title = Class
class-serve-new = new, kept in { $data }
class-serve-reopened = reopened from { $data } ({ $count ->
    [one] 1 learner
   *[other] { $count } learners
})
class-serve-open = Class "{ $title }" is open ({ $opened }).
class-serve-board-label = Board for the instructor:
class-serve-join-label = Learners join with:
class-serve-scenario = SCENARIO
class-serve-your-name = YOUR-NAME
class-serve-every-address = (it listens on every address: give learners this machine's name or address instead of the one above, or pass --public-url)
class-serve-stop = Press Ctrl-C to stop; the class stays in its database, and `workshop class serve` with the same --data reopens it.
class-serve-stopped = class server stopped; everything is kept in { $data }
class-serve-cannot-listen = cannot listen on { $addr }: { $error }
class-serve-cannot-listen-hint = another program listens on port { $port }; choose another with --listen 127.0.0.1:PORT
class-serve-data-hint = --data names the class's SQLite file; give a new file for a new class
class-store-cannot-open = cannot open the class database `{ $path }`: { $error }
class-store-version = the class database `{ $path }` has layout version { $found }; this workshop knows version { $known }
class-store-failed = the class database failed: { $error }
class-tls-cannot-read-cert = cannot read the certificate `{ $path }`: { $error }
class-tls-cannot-read-cert-hint = --tls-cert takes a PEM file (-----BEGIN CERTIFICATE-----), the server's certificate first
class-tls-no-cert = `{ $path }` holds no certificate
class-tls-no-cert-hint = --tls-cert takes a PEM file with at least one -----BEGIN CERTIFICATE----- block
class-tls-cannot-read-key = cannot read the private key `{ $path }`: { $error }
class-tls-cannot-read-key-hint = --tls-key takes a PEM private key (PKCS#8, PKCS#1 or SEC1)
class-tls-mismatch = the certificate and key do not make a TLS configuration: { $error }
class-tls-mismatch-hint = check that --tls-key is the private key of the certificate in --tls-cert
class-no-instructor-key = no instructor key in `{ $url }`
class-no-instructor-key-hint = use the board URL `workshop class serve` printed (…/?key=KEY), or pass --key KEY
class-lang-unknown = --lang { $asked }: workshop does not speak `{ $asked }`
class-lang-unknown-expected = one of workshop's languages: { $offered }
class-announced = announced; every learner sees it at their next step
class-refused-bad-announcement = an announcement is 1 to { $max } characters
class-check-not-checked = ! { $name }: not checked: { $error }
class-check-filled = the class board at { $url } shows these results
class-check-cannot-fill = could not fill the class board: { $error }
class-check-stopped = the check stopped: { $error }
class-check-cannot-read-folder = cannot read the folder `{ $path }`: { $error }
class-check-cannot-read-folder-hint = --kubeconfigs takes a folder with one kubeconfig file per learner
class-check-empty-folder = the folder `{ $path }` has no kubeconfig file
class-check-empty-folder-hint = put one kubeconfig file per learner in it (ana.yaml, bo.yaml, …)
class-check-no-checks = has no check of the cluster's state
class-check-needs-container = reaches a container, which pull mode does not
class-check-needs-capture = needs a value captured during the learner's run
class-check-undone = its check no longer holds: a later step changed it
class-check-unchecked = not checked

## Errors that stop a run before or between steps (src/engine/error.rs)

engine-invalid = the scenario is invalid
engine-missing-binary = `{ $name }` was not found on PATH
engine-unreachable = cannot reach the cluster ({ $context }): { $message }
engine-kubeconfig = kubeconfig: { $message }
engine-port-in-use = local port { $port } on 127.0.0.1 is already in use (needed by step `{ $step }`)
engine-rehearsal-failed = the rehearsal cluster failed: { $why }
engine-rehearsal = the rehearsal cluster could not start: { $why }
engine-busy = lab `{ $lab }` is already running from this folder ({ $holder })
engine-lock = cannot lock the lab ({ $path }): { $message }
engine-runtime = could not start the async runtime: { $error }

## Reaching an existing cluster (src/engine/provider/existing.rs)

kubeconfig-where-hint = pass --kubeconfig PATH, set KUBECONFIG, or create ~/.kube/config (minikube and kind write one)
kubeconfig-no-such-file = --kubeconfig { $path }: there is no such file
kubeconfig-no-such-file-hint = check the path; minikube and kind write their kubeconfig to ~/.kube/config
kubeconfig-cannot-read = cannot read `{ $path }`: { $error }
kubeconfig-env-missing = KUBECONFIG names { $paths }, which does not exist
kubeconfig-env-missing-hint = point KUBECONFIG at an existing file (`export KUBECONFIG=PATH`), unset it to use ~/.kube/config, or pass --kubeconfig PATH
kubeconfig-cannot-read-default = cannot read the kubeconfig: { $error }
kubeconfig-no-context = there is no context `{ $context }`
kubeconfig-no-context-hint = contexts in the kubeconfig: { $contexts }
kubeconfig-entries-hint = check the context's cluster and user entries (`kubectl config view`)
existing-unreachable-hint = is the cluster running? check `kubectl cluster-info`; without a cluster, try --cluster rehearsal

## A cluster that fails while a lab runs (src/engine/cluster/health.rs)

health-vanished = the cluster stopped answering: { $last } since { $since }, for more than { $seconds }s
health-replaced = the cluster was replaced (restarted without its data): { $why }
health-unreachable = cluster unreachable since { $clock } ({ $elapsed }, { $last }); the step fails after { $grace }
health-retrying = { $what } since { $elapsed }; retrying

### What `workshop validate` and every command that reads a scenario say about its meaning
### (src/scenario/analyze/): checks, steps, variables and templates that do not fit together.

## [cluster], [lab] and [vars]

sc-kube-version-expected = a Kubernetes version such as "1.21.2"
sc-kube-version-hint = minikube accepts the same form for --kubernetes-version
sc-lab-id = lab id `{ $id }` is not a plain name
sc-lab-id-expected = lowercase letters, digits, `-` and `_` (it names the resume state and reports)
sc-lab-id-hint = for example `id = "day55"`
sc-templates-folder-expected = a folder inside the scenario's folder, relative to the scenario file, holding the .j2 templates
sc-templates-folder-hint = a lab reads only files in its own folder: keep the templates next to the scenario (`templates = "templates"`)
sc-var-name = variable name `{ $name }` cannot be used in templates
sc-var-name-expected = letters, digits and `_`, starting with a letter (e.g. `pacman_replicas`)
sc-var-name-hint = templates refer to variables as {"{{"} name {"}}"}, so `-` and `.` are not allowed
sc-var-reserved = `{ $name }` is reserved for the cluster facts
sc-var-reserved-hint = rename the variable

## Steps

sc-no-steps = the scenario has no steps
sc-no-steps-expected = at least one [[steps]] table
sc-no-steps-hint =
    add a step:
    {"["}[steps]]
    id = "first"
    title = "First step"
    note = {"{}"}
sc-step-id-expected = lowercase letters, digits and `-`, starting with a letter
sc-duplicate-step = duplicate step id `{ $id }`
sc-duplicate-step-expected = a unique id for every step
sc-duplicate-step-hint = `{ $id }` is first used on line { $line }; rename one of them
sc-needs-later = step `{ $id }` needs `{ $name }`, which comes later
sc-needs-expected = the id of an earlier step
sc-needs-later-hint = steps run in file order; move this step after the one it needs
sc-needs-unknown = step `{ $id }` needs `{ $name }`, which is not a step in [[{ $table }]]
sc-keep-running = step `{ $id }` has keep-running but starts no background process
sc-keep-running-hint = keep-running belongs on a port-forward, tunnel or background command step
sc-no-action = step `{ $id }` has no action
sc-no-action-hint = a step does exactly one thing, e.g. `note = {"{}"}` for a step that only explains
sc-two-actions = step `{ $id }` has two actions: `{ $first }` and `{ $second }`
sc-two-actions-expected = exactly one action per step
sc-two-actions-hint = split it into two [[steps]], one per action

## Actions

sc-patch-json-expected = a JSON document, as `kubectl patch -p` takes it
sc-patch-json-hint = or write the patch as a TOML table: patch = {"{"} metadata = {"{"} labels = {"{"} a = "b" {"}"} {"}"} {"}"}
sc-patch-shape = this { $patch_type } patch body has the wrong shape
sc-patch-json-shape-expected = a list of operations
sc-patch-json-shape-hint = a json patch looks like [{"{"} op = "replace", path = "/spec/replicas", value = 3 {"}"}]
sc-patch-merge-shape-expected = a table (a JSON object)
sc-patch-merge-shape-hint = a merge patch is the part of the object to change: {"{"} metadata = {"{"} annotations = {"{"} … {"}"} {"}"} {"}"}
sc-kind-not-scalable = `{ $kind }` cannot be scaled
sc-kind-no-rollout = `{ $kind }` has no rollout
sc-three-kinds = { $a }, { $b } or { $c }
sc-write-kind-as = write the kind as `{ $kind }`
sc-get-empty = `resources` is empty
sc-get-empty-expected = resource names as kubectl takes them: `pods`, `pv`, `all`, `deploy,svc`
sc-exec-empty = `command` is empty
sc-exec-empty-expected = the program and its arguments
sc-argv-empty = `argv` is empty
sc-argv-empty-expected = the program and its arguments, e.g. argv = ["minikube", "status"]
sc-argv-one-string = `argv` holds a whole command line in one string
sc-argv-one-string-expected = one list item per argument: ["minikube", "-p", "mc-demo", "status"]
sc-argv-one-string-hint = commands never run through a shell, so the string would be taken as the program's name
sc-background-expect = `expect` on a background command is never checked
sc-background-expect-expected = a background command without `expect`: it keeps running, so it has no exit code or whole output yet
sc-background-expect-hint = check what it serves with a later step's `http` check, or drop `background = true` to wait for it
sc-http-url = `{ $url }` is not an http:// URL
sc-http-url-expected = a URL such as "http://127.0.0.1:9090/highscores"
sc-http-url-hint = http steps reach lab services through a port-forward or tunnel; https is not supported
sc-http-bodies = the request has more than one body
sc-http-bodies-expected = at most one of `form`, `json` and `body`

## Templates an apply or create step names

sc-template-name-expected = a file name inside the templates folder
sc-template-folder-empty = the folder `{ $dir }` holds no templates
sc-template-folder-holds = templates there: { $names }
sc-template-not-found = template `{ $name }` not found in `{ $dir }`
sc-template-not-found-expected = a template file in the scenario's templates folder
sc-template-uses-unknown = template `{ $template }` uses `{ $name }`, which is not a variable
sc-template-uses-unknown-expected = a name from [vars] or `cluster`
sc-template-uses-capture-hint = captures are not available to manifest templates; pass the value through a variable
sc-template-uses-unknown-at-hint = `{ $name }` is used at { $place }; add it to [vars], or fix the spelling there
sc-template-uses-unknown-hint = add `{ $name }` to [vars], or fix the spelling in the template

## Checks

sc-check-nothing = this check says nothing to check
sc-check-two-kinds = this check has two kinds: `{ $first }` and `{ $second }`
sc-check-kinds-expected = exactly one of { $keys }
sc-check-kinds-hint = write one [[steps.checks]] table per check
sc-no-object = this check names no object
sc-no-object-expected = `name = "…"`, or `selector = "app=web"` matching exactly one object
sc-name-and-selector = `name` and `selector` both pick the object
sc-name-and-selector-expected = one of `name` and `selector`
sc-name-and-selector-hint = a name picks one object; a selector must match exactly one
sc-count-ready = `ready = true` counts Pods only
sc-compare-nothing = nothing to compare the field with
sc-compare-two = `{ $first }` and `{ $second }` cannot be combined
sc-compare-expected = exactly one of `equals`, `any`, `contains` and `count`
sc-compare-hint = write one check per comparison
sc-compare-needs-several = `{ $comparison }` needs a path that selects several values; `{ $path }` selects one
sc-compare-needs-several-expected = a path with `[*]` (every element) or `[key=value]` (the elements that match)
sc-compare-any-hint = use `equals` to compare the one value at `{ $path }`
sc-compare-count-hint = to count the elements of the list at `{ $path }`, write `{ $path }[*]`
sc-path-expected = a path such as `status.readyReplicas`, `spec.containers[0].image` or `metadata.annotations["a/b"]`
sc-not-whole-number = `{ $text }` is not a whole number
sc-whole-number-expected = a whole number such as 10, or a template such as "{"{{"} replicas {"}}"}"

## Captures

sc-capture-name = capture name `{ $name }` cannot be used in templates
sc-capture-name-expected = letters, digits and `_`, starting with a letter
sc-capture-is-var = capture `{ $name }` has the name of a variable
sc-capture-is-var-hint = give the capture its own name
sc-capture-taken = capture `{ $name }` is already captured by step `{ $step }`
sc-capture-taken-hint = give each capture its own name
sc-capture-twice = capture `{ $name }` appears twice in this step
sc-capture-sources = capture `{ $name }` needs exactly one source
sc-capture-sources-expected = `generate = "prefix"`, `object = {"{"} kind, name {"}"} with path`, or `response = "path"`
sc-capture-prefix = generate prefix `{ $prefix }` must be letters, digits and `-`
sc-capture-generate-after = a generated marker exists before the action; `when = "after"` does not apply
sc-capture-generate-after-hint = remove `when`
sc-capture-no-path = capture `{ $name }` names an object but no `path`
sc-capture-no-path-expected = path = "metadata.uid" (the field to record)
sc-capture-response = `response` captures need an http, exec or command action in this step
sc-capture-response-hint = capture from an object instead: object = {"{"} kind, name {"}"}, path = "…"
sc-capture-response-before = a response exists only after the action; `when = "before"` does not apply

## Names in template expressions

sc-expression = in `{ $text }`: { $why }
sc-expression-expected = a minijinja expression such as {"{{"} namespace {"}}"}
sc-captured-after = `{ $name }` is captured by this step only after its action and checks
sc-captured-after-hint = set `when = "before"` on the capture, or use the value in a later step
sc-captured-later = `{ $name }` is captured only later, by step `{ $step }`
sc-captured-later-hint = move this step after `{ $step }`, or capture the value in an earlier step
sc-captured-expected = a name from [vars], `cluster`, or a capture of an earlier step
sc-undefined = `{ $name }` is not defined
sc-undefined-expected = a name from [vars], `cluster`, or an earlier capture
sc-undefined-expected-names = a name from [vars], `cluster`, or an earlier capture: { $names }
sc-undefined-hint = define it in [vars] (`{ $name } = "…"`), or capture it in an earlier step

## Where a check, capture or action looks for its object (src/scenario/scope.rs)

scope-missing = `{ $kind }` is namespaced, and { $what } does not say which namespace to look in
scope-both = { $what } gives both `namespace` and `all-namespaces = true`
scope-namespace-on-cluster-kind = `{ $kind }` is cluster-scoped: its objects are in no namespace
scope-all-namespaces-on-cluster-kind = `{ $kind }` is cluster-scoped: `all-namespaces` does not apply
scope-expected = either `namespace = "…"` or `all-namespaces = true`
scope-cluster-kind-expected = no `namespace` and no `all-namespaces` for a cluster-scoped kind
scope-missing-hint = add `namespace = "…"` to look in one namespace, or `all-namespaces = true` to look in every namespace (nothing is assumed: not even `default`)
scope-both-hint = keep `namespace` to look in one namespace, or `all-namespaces = true` to look in all of them
scope-namespace-on-cluster-kind-hint = remove `namespace`
scope-all-namespaces-on-cluster-kind-hint = remove `all-namespaces`
what-this-action = this step's action

## serde's words when a value does not fit (src/scenario/load/serde_errors.rs); values stay as written

serde-duplicate-field = duplicate field `{ $field }`
serde-unknown-variant = unknown variant `{ $value }`
serde-invalid-type = invalid type: { $found }
serde-invalid-value = invalid value: { $found }
serde-invalid-length = invalid length { $length }
serde-found-string = string { $value }
serde-found-integer = integer { $value }
serde-found-float = floating point { $value }
serde-found-boolean = boolean { $value }
serde-found-character = character { $value }
serde-found-sequence = sequence
serde-found-map = map
serde-found-unit = unit value
serde-found-enum = enum
serde-either = { $first } or { $second }
serde-expected-sequence = a sequence
serde-expected-string = a string
serde-expected-boolean = a boolean
serde-expected-map = a map
serde-expected-character = a character
serde-expected-float = { $rust_type }
serde-expected-integer = { $rust_type }
serde-expected-struct = struct { $name }
serde-expected-enum = enum { $name }
toml-type-string = string
toml-type-integer = integer
toml-type-float = float
toml-type-boolean = boolean
toml-type-datetime = datetime
toml-type-array = array
toml-type-table = table

## Values of the scenario: durations, numbers, texts, variables (src/scenario/*.rs)

duration-is-not-one = is not a duration
duration-invalid = `{ $text }` { duration-is-not-one } ({ $why })
duration-zero = `{ $text }` is zero; a timeout must be longer than that, such as "30s"
duration-expecting = a duration string such as "30s" or "5m"
duration-invalid-character = invalid character at { $at }
duration-number-expected = expected number at { $at }
duration-unit-needed = time unit needed, for example { $value }sec or { $value }ms
duration-unknown-unit = unknown time unit { $unit }, supported units: ns, us/µs, ms, sec, min, hours, days, weeks, months, years (and few variations)
duration-overflow = number is too large or cannot be represented without a lack of precision (values below 1ns are not supported)
duration-empty = value was empty
value-int-expr-type = expected a whole number or a template such as "{"{{"} replicas {"}}"}", found { $found }
value-embedded-json = the string holds JSON that does not parse: { $why } (line { $line }, column { $column } of the string)
text-not-string = `{ $lang }` holds { $found }, not a string
text-no-language = this text has no language in it; write at least `en = "…"`
text-type = expected a string, or a table of strings keyed by language (en = "…", es = "…"), found { $found }
text-expecting = a string, or a table of strings keyed by language (en = "…", es = "…")
text-lang-code = `{ $code }` is not a language code; write a code such as "en", "es" or "pt-BR"
provider-unknown = `{ $provider }` is not a provider; use minikube, existing or rehearsal
pause-type = pause is true, false, or a message to show; found { $found }
step-id-empty = a step id cannot be empty
step-id-first = step id `{ $id }` must start with a lowercase letter
step-id-character = step id `{ $id }` contains `{ $character }`; use lowercase letters, digits and `-` (e.g. `make-csi-default`)
path-empty-key = `{ $path }` has an empty key before position { $position }
path-unclosed = `{ $path }` opens `[` without a closing `]`
path-bad-filter = `[{ $inner }]` in `{ $path }` must pick elements as [key=value], such as [name=nginx]
path-bad-bracket = `[{ $inner }]` in `{ $path }` must be an index like [0], [*], a quoted key like ["app.kubernetes.io/name"], or [key=value]
path-empty = the path is empty; write one such as `status.readyReplicas`
kube-version-part = `{ $version }` is not a Kubernetes version: the { $part } part `{ $text }` is not a number
kube-version-invalid = `{ $version }` is not a Kubernetes version
kube-version-no-minor = `{ $version }` is not a Kubernetes version; write major.minor.patch such as "1.21.2"
kube-version-major = `{ $version }`: only Kubernetes 1.x exists; write a version such as "1.31.0"

## [vars]: types, defaults and --var values (src/scenario/value.rs, model.rs)

var-default-type = a variable holds a string, a whole number or a boolean, found { $found }
var-default-misfit = the default does not fit `type = "{ $var_type }"`: { $why }
var-type-unknown = `{ $name }` is not a variable type; use one of { $types }
var-not-whole-number = `{ $value }` is not a whole number
var-not-bool = `{ $value }` is not true or false
var-not-port = { $value } is not a port (1 to 65535)
var-nul = `{ $value }` holds a NUL character
var-not-dns-label = `{ $value }` is not a dns-label: { $why }
var-not-dns-name = `{ $value }` is not a dns-name: { $why }
var-not-image = `{ $value }` is not an image reference: { $why }
var-not-duration = `{ $value }` is not a duration: { $why }
var-wrong-type = a { $var_type } variable cannot hold { $kind ->
    [string] string
    [integer] whole number
   *[boolean] boolean
} { $value }
dns-empty = it is empty
dns-label-too-long = it is longer than 63 characters
dns-label-characters = only lowercase letters, digits and `-` are allowed
dns-label-ends = it must start and end with a letter or digit
dns-name-too-long = it is longer than 253 characters
var-type-string-expected = any text without a NUL character
var-type-int-expected = a whole number, such as 10
var-type-bool-expected = true or false
var-type-port-expected = a port number from 1 to 65535
var-type-dns-label-expected = a DNS label: at most 63 lowercase letters, digits and `-`, starting and ending with a letter or digit (e.g. `pacman`)
var-type-dns-name-expected = a DNS name: DNS labels joined by dots, at most 253 characters (e.g. `pacman.com`)
var-type-image-expected = a container image reference, such as `docker.io/library/mongo:4.4`
var-type-duration-expected = a duration such as `30s`, `2m` or `1m 30s`

## Templates (src/template.rs)

tpl-undefined = undefined value
tpl-undefined-detail = undefined value: { $detail }
tpl-undefined-hint = every name a template uses must be a [vars] entry, `cluster`, or an earlier capture; `{"{%"} if x is defined {"%}"}` tests for one
tpl-syntax = template syntax error: { $detail }
tpl-syntax-hint = see https://docs.rs/minijinja for the syntax: {"{{"} value {"}}"}, {"{%"} if … {"%}"}…{"{%"} endif {"%}"}
tpl-not-found = template not found
tpl-not-found-hint = templates are loaded only from the scenario's templates folder
tpl-file-not-found-hint = check the file name; templates are loaded only from the scenario's templates folder
tpl-unreadable = template { $problem }; { $hint }
tpl-in-template = in template `{ $file }`: { $why }
tpl-folder-missing = the templates folder `{ $folder }` does not exist
tpl-folder-not-folder = the templates folder `{ $folder }` is not a folder
tpl-folder-outside = the templates folder `{ $folder }` is outside the scenario's folder `{ $root }`
tpl-outside = template `{ $name }` is outside the templates folder; templates may only load files from `{ $folder }`
tpl-links-outside = template `{ $name }` links outside the templates folder `{ $folder }`

## Reading a scenario or template file (src/source.rs)

read-io = cannot read `{ $path }`: { $error }
read-io-what = cannot read { $what } `{ $path }`: { $error }
read-what = { $what } { $problem }
read-the-scenario = scenario
read-the-template = template
read-not-regular = `{ $path }` is { $what }, not a regular file
read-a-folder = a folder
read-a-fifo = a named pipe (FIFO)
read-a-char-device = a character device (such as /dev/zero)
read-a-block-device = a block device
read-a-socket = a socket
read-not-a-file = not a file
read-too-large = `{ $path }` is larger than 4 MiB ({ $size } bytes)
read-utf16 = `{ $path }` is UTF-16 text, not UTF-8
read-invalid-utf8 = `{ $path }` is not valid UTF-8: byte { $byte } at line { $line }, column { $column }
read-io-hint = check the path and that you may read the file
read-not-regular-hint = name a regular text file
read-too-large-hint = scenarios and templates may hold at most 4 MiB; split the manifests into several templates
read-utf8-hint = save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)
read-utf8-expected = UTF-8 text

## workshop new (src/scaffold.rs)

new-exists = `{ $path }` already exists; nothing was written
new-exists-hint = choose another name, or move the existing file away first
new-bad-name = `{ $name }` does not name a lab; use letters, digits and `-`, such as `day60`
new-cannot-write = cannot write `{ $path }`: { $error }
new-wrote = wrote { $scenario } and { $template }
new-next = next:

## serde_json's words for a JSON document that does not parse (a patch written as a string)

json-eof-list = EOF while parsing a list
json-eof-object = EOF while parsing an object
json-eof-string = EOF while parsing a string
json-eof-value = EOF while parsing a value
json-expected-colon = expected `:`
json-expected-list-comma = expected `,` or `]`
json-expected-object-comma = expected `,` or `{"}"}`
json-expected-value = expected value
json-expected-quote = expected `"`
json-invalid-escape = invalid escape
json-invalid-number = invalid number
json-key-string = key must be a string
json-trailing-comma = trailing comma
json-trailing-characters = trailing characters

## minijinja's words for a template that does not parse (src/template.rs)

tpl-unexpected-expected = unexpected { $found }, expected { $expected }
tpl-unexpected = unexpected { $found }
tpl-token-variable-start = start of variable block
tpl-token-variable-end = end of variable block
tpl-token-block-start = start of block
tpl-token-block-end = end of block
tpl-token-end-of-input = end of input
tpl-token-identifier = identifier
tpl-token-identifier-or-integer = identifier or integer
tpl-token-expression = expression
tpl-token-string = string
tpl-token-integer = integer
tpl-token-float = float
tpl-token-text = template-data

## Why a string is not a container image reference (oci-spec's reasons)

image-digest-format = invalid checksum digest format
image-digest-length = invalid checksum digest length
image-digest-algorithm = unsupported digest algorithm
image-name-uppercase = repository name must be lowercase
image-name-empty = repository name must have at least one component
image-name-too-long = repository name must not be more than 255 characters
image-reference-format = invalid reference format
image-tag-format = invalid tag format

### What the engine says around the steps: the choice of steps (--only/--from/--until/--resume),
### the lab's lock and a killed run's leftovers, the plan's problems (src/plan/), a failing action's
### errors (src/actions/), the cluster's API failures, reports, and the flags' own checks.

## Choosing steps: --only, --skip, --from, --until (src/engine/selection.rs)

selection-running = running { $count } of { $total } steps: { $ids }
selection-reversed = --from { $from } comes after --until { $until } in the lab
selection-reversed-expected = --from names a step before (or equal to) --until
selection-reversed-hint = swap them: --from { $from } --until { $until }
selection-needs-not-run = { $count ->
    [one] step { $steps } needs
   *[other] steps { $steps } need
} { $needs }, which { $needed ->
    [one] has
   *[other] have
} not run against this cluster
selection-needs-expected-rehearsal = the steps they depend on completed first; the built-in rehearsal starts empty on every run and records nothing
selection-needs-expected = the steps they depend on completed first (recorded in .workshop/state/)
selection-needs-hint-rehearsal = run the lab up to it, in one run: { $command }; or add --force to run it alone anyway
selection-needs-hint = run them first: { $command }; or add --force to run anyway
selection-unknown-step = { $flag } { $id }: the lab `{ $lab }` has no step `{ $id }`
selection-step-id-expected = the id of one of the lab's [[steps]]
selection-step-id-expected-plan = the id of one of the lab's [[steps]] (`workshop plan` lists them)
selection-cleanup-step-hint = `{ $id }` is a cleanup step; cleanup steps run with `workshop reset`
selection-steps-are = the steps are: { $ids }

## Resuming (src/engine/guided.rs, src/engine/state/)

state-json-expected = the JSON that `workshop run` writes
state-cluster = { $provider } cluster, context { $context }, kube-system uid { $uid }
state-not-a-state-file = { $path } is not a workshop state file ({ $error }); delete it to start over
state-cannot-read = cannot read { $path }: { $error }
state-cannot-write = warning: cannot write the resume state { $path }: { $error }; --resume will not know this run
resume-nothing-recorded = --resume: nothing to resume, lab `{ $lab }` has no recorded progress in { $path }
resume-nothing-recorded-expected = an earlier run of this lab from this folder
resume-nothing-recorded-hint = start it without --resume: { $command }
resume-no-cluster = no cluster
resume-cluster-not-running = a { $provider } cluster that is not running
resume-other-cluster = --resume: the progress recorded in { $path } belongs to another cluster
resume-other-cluster-expected = the recorded cluster ({ $recorded }); this run reaches { $here }
resume-other-cluster-hint-rehearsal = the embedded rehearsal cluster is new on every run, so it cannot be resumed; start over with `workshop run { $path } --cluster rehearsal`, or rehearse against a `workshop rehearsal serve { $path } --kubeconfig PATH` (then `--cluster rehearsal --kubeconfig PATH`), which keeps its identity between runs
resume-other-cluster-hint-minikube = start the recorded cluster first (`minikube start -p { $profile }`) and resume again, or start over without --resume
resume-other-cluster-hint = point this run at the recorded cluster (--cluster, --context, --kubeconfig), or start over: `workshop reset { $path }`, then run without --resume

## One run of a lab at a time, and what a killed run left (src/engine/lock.rs, src/engine/leftovers.rs)

lock-holder = PID { $pid }, `{ $command }`, since { $since }
lock-holder-starting = a run that is starting
lock-busy-hint = two runs of one lab would fight over its cluster and its progress: wait for that one to finish, or stop it (Ctrl-C in its terminal, or `kill` its PID); the lock is { $path }
lock-taken-over = took over the lock of lab `{ $lab }` ({ $path }): its holder ({ $holder }) is no longer running
leftovers-process = `{ $command }` (process group { $group }{ $killed ->
    [yes] , killed after the grace period
   *[no] {""}
})
leftovers-stopped = an earlier run (PID { $pid }, `{ $command }`, since { $since }) ended without stopping its processes; stopped what was still running: { $stopped }

## Before the first step (src/engine/mod.rs, src/engine/interrupt.rs)

signal-hup = SIGHUP (the terminal closed)
interrupted-before-first-step = interrupted by { $signal } before the first step; nothing was run
resume-nothing-left = every step of lab `{ $lab }` already completed against this cluster; nothing to resume (`workshop reset { $path }` starts over)
manifest-rendered-document = rendered, document { $doc }
preflight-api-not-served = { $object } uses { $api }, which Kubernetes { $version } does not serve
preflight-api-expected = only APIs the cluster serves ({ $source ->
    [live] from its discovery
   *[assumed] assumed from kubernetes-version
})
preflight-api-hint = emit it only where it is served: {"{"}% if "{ $api }" in cluster.api_versions %{"}"} … {"{"}% endif %{"}"}{ $psp ->
    [yes] {" "}(PodSecurityPolicy was removed in Kubernetes 1.25)
   *[no] {""}
}; nothing was created
preflight-port-hint = stop what listens there (`ss -ltnp | grep { $port }`), or choose another port: { $choice }
preflight-port-change = change local-port of step `{ $step }`

## What a failing action says (src/actions/, src/engine/process.rs)

process-cannot-start = could not start `{ $program }`: { $error }
process-exited = `{ $command }` exited with code { $code }
process-timed-out = `{ $command }` did not finish within { $timeout } and was stopped
action-argv-empty = `argv` is empty
action-install-program = install { $program }, or check the spelling
action-exit-code-unexpected = `{ $command }` exited with code { $code } (expected { $want })
action-output-lacks = the output of `{ $command }` does not contain { $want }
action-exec-output-lacks = the output does not contain { $want }
action-doing-exec = exec in pod/{ $pod }
action-doing-read = reading { $object }
action-doing-read-existing = reading { $object }, which exists
action-doing-create = creating { $object }
action-doing-apply = applying { $object }
action-doing-delete = deleting { $object }
action-doing-patch = patching { $object }
action-doing-scale = scaling { $object }
action-doing-list = listing { $resources }
api-hint-not-found = the object does not exist (yet): check its name and namespace, and the steps before
api-hint-already-exists = it exists already, perhaps from an earlier run: `workshop reset` cleans up, or set `allow-existing = true`
api-hint-conflict = someone changed it at the same time; run the step again
api-hint-invalid = the API server rejected the object as invalid; read its message above
api-hint-forbidden = the kube context's user may not do this (RBAC)
forward-no-port = service/{ $service } has no port { $port }
forward-no-selector = service/{ $service } has no selector, so no pod to forward to
forward-listing-pods = listing the service's pods
forward-no-ready-pod = no Ready pod behind service/{ $service }
forward-no-ready-pod-hint = wait for the rollout first (a rollout check on the step before)
forward-no-named-port = pod { $pod } has no port named { $name }
forward-cannot-listen = cannot listen on { $address }: { $error }
forward-cannot-listen-hint = another program uses the port: stop it, or pass --var local_port=…
manifests-cannot-resolve = { $object } (document { $doc } of { $template }): { $why }
manifests-cannot-resolve-hint = `workshop validate` with --kubernetes-version shows whether a template fits this version
manifests-not-an-object = { $object } is not a valid object: { $error }
manifests-answer-lost-created = the answer was lost; found it created
manifests-exists-allowed = { $object } already exists (allowed)
manifests-adopted = { $object } was created by this lab before the interruption (uid { $uid }): adopted
manifests-existed-before = creating { $object }: it already exists, and this run of lab `{ $lab }` did not create it
manifests-existed-before-hint = it is left from an earlier run of the lab, or was made by hand: `workshop reset` with this lab's scenario file removes what lab `{ $lab }` creates; then run it again
delete-gone-already = { $object } is gone already: deleted before the interruption
delete-before-interruption = { $object } deleted before the interruption
delete-being-deleted = { $object } is already being deleted (uid { $uid })
delete-answer-lost-gone = the answer was lost, found it gone
delete-seen-gone = gone
delete-still-there = { $object } (uid { $uid }) was still there after { $timeout }
delete-api-failed-hint = the API server failed meanwhile: is the cluster healthy?
delete-finalizer-hint = a finalizer may hold it: look at metadata.finalizers
patch-not-operations = the JSON patch is not a list of operations: { $error }
tunnel-needs-minikube = `minikube tunnel` needs the minikube provider
tunnel-needs-minikube-hint = on another cluster, a LoadBalancer controller (such as MetalLB) gives Services their addresses
start-cluster-templates-do-not-render = the templates do not render for this cluster
http-invalid-url = `{ $url }` is not a valid URL: { $error }
http-not-http = `{ $url }` is not an http:// URL
http-cannot-build = cannot build the request to { $url }: { $error }
http-cannot-read-answer = reading the answer from { $url }: { $error }
http-cannot-connect = cannot connect: { $error }
http-not-loopback = `{ $host }` is not a loopback address: on the rehearsal cluster requests go only to 127.0.0.0/8, ::1 or localhost
http-not-loopback-hint = the rehearsal runs no containers, and nothing it reaches leaves this machine; run the lab on minikube (`--cluster minikube`) to reach `{ $host }`

## Talking to the cluster's API (src/engine/cluster/)

api-error-on-request = { $error } on { $request }
discovery-kind-in = kind { $kind } in { $api }
discovery-kind = kind { $kind }
discovery-not-served = the cluster does not serve { $what }
discovery-failed = the cluster's discovery failed where { $what } would be ({ $failures })
retry-api-answers = API answers { $code }
retry-connection-refused = connection refused
retry-cannot-connect = cannot connect ({ $error })
retry-connection-broken = connection broken ({ $error })
retry-no-answer = no answer within { $seconds }s
health-other-uid = its kube-system namespace has another uid ({ $now }, was { $was })
health-kube-system-gone = its kube-system namespace is gone
health-rv-backwards = its resourceVersions went backwards ({ $now } after { $high })

## The object a step names, captures, and what a resumed step says (src/engine/context.rs, capture.rs, execute.rs, expectation.rs, src/checks/mod.rs)

cluster-not-started = the cluster is not started yet
cluster-not-started-hint = run the scenario's start-cluster step first, or start the cluster yourself
scope-problem = { $problem }; expected { $expected }
what-this-check = this check
what-this-patch = this patch
what-this-scale = this scale
what-this-delete = this delete
what-this-capture = this capture
what-this-cleanup-step = this cleanup step
object-no-name = { $what } names no object
object-looking-everywhere = looking for { $kind } { $name } in every namespace
object-nowhere = no { $kind } named { $name } in any namespace
object-several = { $count } { $kind }s are named { $name }, in { $namespaces }; { $what } changes one
object-several-hint = replace `all-namespaces = true` with `namespace = "…"`
object-in-namespace = { $object } in { $namespace }
seen-no-match = no object matches the selector
seen-no-object = the object does not exist
seen-several-match = { $count } objects match ({ $names }); the check needs exactly one: give { $by ->
    [selector] a narrower selector or a name
   *[name] a namespace
}
capture-reading = capture { $name }: reading { $object }
capture-no-field = capture { $name }: { $object } has no { $path }
capture-no-answer = capture { $name }: the action gave no answer to capture from
capture-not-json = capture { $name }: the answer is not JSON
capture-answer-lacks = capture { $name }: the answer has no { $path }
expectation-moment = a moment of its step, true when it ran
expectation-changed-by = step `{ $step }` changed it on purpose since
converge-not-checked-again = not checked again: { $check } ({ $why })
resume-action-done-before = done before the interruption; its checks follow

## Reports (src/engine/report/)

report-not-run-interrupted = the run was interrupted before it
report-not-run-failure = the run stopped at an earlier failure
report-not-format-path = `{ $spec }` is not FORMAT=PATH; write e.g. --report junit=report.xml
report-unknown-format = `{ $format }` is not a report format; use junit or json
report-needs-file = the report needs a file: --report junit=report.xml
report-no-folder = cannot write the { $format } report to `{ $path }`: the folder `{ $folder }` does not exist
report-no-folder-hint = create it first: mkdir -p { $folder }
report-cannot-encode = could not encode the JSON report: { $error }
report-cannot-write = could not write the { $format } report to `{ $path }`: { $error }
junit-interrupted = interrupted (Ctrl-C, SIGTERM or SIGHUP, or q at a step card); --resume runs it again
junit-not-run = not run
junit-optional-failed = optional step failed, the run went on: { $why }
junit-expected-observed = expected { $expected }; observed { $observed }
junit-failed = failed
junit-nothing = nothing
junit-check = check: { $check }
field-check-needs-comparison = a field check needs one of `equals`, `any`, `contains` or `count`

## Building the plan: variables, templates, kinds, numbers (src/plan/)

var-given-twice = --var { $name } is given twice (`{ $first }`, then `{ $then }`)
var-given-twice-hint = give each variable once: --var { $name }=VALUE
var-type-hint = `{ $name }` is of type `{ $ty }` in [vars] (its default is `{ $default }`)
var-names = this scenario's variables: { $names }
var-unknown = --var { $name }: the scenario has no variable `{ $name }`
var-unknown-expected = a name from the scenario's [vars]
template-renders-nothing = template `{ $name }` renders no Kubernetes object
template-renders-nothing-hint = check the {"{"}% if %{"}"} blocks around its documents
kind-write-as = write the kind as `{ $kind }`
kind-unknown-hint = use a built-in kind (Pod, Deployment, StorageClass, …) or one the scenario's manifests create
kind-unknown = step `{ $step }` refers to unknown kind `{ $kind }`
kind-unknown-expected = a Kubernetes kind such as Pod, StatefulSet or StorageClass
get-unknown-resource = `get` names unknown resource `{ $resource }`
get-unknown-resource-expected = resource names as kubectl takes them: pods, pv, pvc, sc, ns, ingress, all, …
number-out-of-range = `{ $field }` is { $value }, outside { $low }..={ $high }
number-expected = a whole number from { $low } to { $high }
step-problem = step `{ $step }`: { $problem }
not-a-whole-number = `{ $expr }` renders to `{ $text }`, which is not a whole number
not-a-whole-number-hint = check the variable's value (`--var name=10`)
manifest-rendered = rendered
manifest-invalid-yaml = invalid YAML in template `{ $template }`: { $error }
manifest-invalid-yaml-expected = a YAML document describing one Kubernetes object
manifest-invalid-yaml-hint = check the indentation and quoting near that line of the rendered output (`workshop plan --manifests` shows it)
manifest-missing-field = document { $doc } of template `{ $template }` has no { $field }
manifest-missing-field-expected = every document to have apiVersion, kind and metadata.name
manifest-not-a-mapping = document { $doc } of template `{ $template }` is not a mapping
manifest-not-a-mapping-expected = a Kubernetes object: apiVersion, kind, metadata, …
manifest-missing-kind-hint = add it at the top of the document, e.g. `kind: Deployment`
manifest-missing-name-hint = every object needs `metadata: {"{"}name: …{"}"}`
manifest-value-of = the value of `{ $var }`
manifest-value = the value `{ $value }`
manifest-value-changed = template `{ $template }`: { $what } does not come through as written: the rendered YAML reads it differently
manifest-value-changed-expected = every value a template writes to stay one whole YAML value
manifest-value-changed-hint = values are written as YAML scalars, quoted when needed; write `{"{{"} name {"}}"}` where a whole value stands (not inside quotes, a comment or a block scalar), or give the variable a stricter type such as `dns-label`
converge-creates-it = creates it
converge-expects-count = expects { $now } instead of { $was }
converge-expects-field = expects { $path } to be { $now } instead of { $was }
converge-never-holds-again = step `{ $step }`, check { $index } ({ $check }): can never hold again once step `{ $later }` has run, which { $why }; where the lab's progress is not recorded, `--converge` would run `{ $step }` again. If the check describes the moment its step ran, say so: nature = "moment"

## The commands around a run: validate's warnings, trust, list (src/app.rs)

version-expected = a version such as 1.31.0
warning-label = warning:
trust-no-data-folder-error = there is no user data folder to remember trusted labs in
trust-no-data-folder-hint = set XDG_DATA_HOME or HOME; or pass --trust to each run
trust-revoked = lab `{ $lab }` ({ $path }) is no longer trusted; `workshop run` asks again
trust-was-not-trusted = lab `{ $lab }` ({ $path }) was not trusted
trust-content = lab `{ $lab }` ({ $path }), content { $hash }:
trust-remembered = trusted: `workshop run { $path }` will not ask while the lab's content stays the same
cannot-write-file = cannot write { $path }: { $error }
cannot-write-file-hint = check that the folder is yours and writable
list-cannot-read = cannot read folder `{ $folder }`: { $error }
list-cannot-read-hint = run it from the project folder, or name the folder: workshop list path/to/scenarios
list-none = no scenarios (*.toml with a [lab] table) in { $folder } or its subfolders
list-steps = { $count ->
    [one] step
   *[other] steps
}
list-invalid = (invalid)
list-problems = { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
list-validate = run `workshop validate { $path }`

## Background processes across runs (src/engine/background.rs, runner.rs, mod.rs)

background-killed = { $description } (still running { $seconds } s after SIGTERM: killed)
background-already-ended = { $description } (it had already ended)
leftovers-cannot-record = warning: cannot record this run's processes in { $path }: { $error }; if workshop is killed, what it started is not found at the next start
resume-restarting-background = ↻ starting `{ $id }` again: it completed in an earlier run, and its process ended with that run
resume-check-does-not-hold = { $check } does not hold
resume-restart-failed = ✖ `{ $id }` did not start again: { $why }; the steps that need it are skipped
process-workshop-ended = workshop ended while the process started

## Flags whose value is refused (src/cli.rs; clap's own words stay English, as --help does)

cli-invalid-value = invalid value '{ $value }' for '{ $flag }': { $why }
cli-more-information = For more information, try '--help'.
cli-var-not-name-value = `{ $value }` is not NAME=VALUE; write e.g. --var pacman_replicas=5
cli-duration = { $error }; write a duration like 30s or 2m
cli-timeout-zero = `{ $value }` would leave no time to wait: give a factor above 0, e.g. --timeout 0.5 (half) or --timeout 2 (twice)
cli-timeout-not-a-number = `{ $value }` is not a number: give a factor such as --timeout 2

### What the clusters say (src/engine/provider/, `workshop rehearsal serve`) and class mode's HTTP
### errors (src/class/http.rs).

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
rehearsal-serve-vanishes-on = stops answering for good at the first request to { $path }
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
