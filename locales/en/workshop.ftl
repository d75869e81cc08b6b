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
