# What `workshop validate` and every command that reads a scenario say about its meaning
# (src/scenario/analyze.rs): checks, steps, variables and templates that do not fit together.

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

## serde's words when a value does not fit (src/scenario/load.rs); values stay as written

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
