//! `workshop validate` on a corpus of broken scenarios: each must exit 2 and name the right
//! `file:line:col`, say what is wrong, what was expected and how to fix it. Then the shipped lab.
//!
//! Every scenario below starts on line 1 (`r#"[lab]`), so the line numbers in the assertions
//! can be read off the text.

use crate::support::{Output, Test};

/// Validates `toml` as `lab.toml` in a temp folder, expecting it to be invalid.
#[track_caller]
fn invalid(toml: &str) -> Output {
    invalid_with(Test::new(), toml)
}

/// Validates `toml` in a test that already has other files (templates).
#[track_caller]
fn invalid_with(test: Test, toml: &str) -> Output {
    test.write("lab.toml", toml)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stdout("")
}

// ----------------------------------------------------------------------------------------------
// Syntax and types
// ----------------------------------------------------------------------------------------------

#[test]
fn toml_syntax_error() {
    invalid(
        r#"[lab]
id = "x
title = "X"
"#,
    )
    .stderr_contains("error: TOML syntax error: invalid basic string")
    .stderr_contains(" --> lab.toml:2:8\n")
    .stderr_contains("2 | id = \"x\n")
    .stderr_contains("= hint: see https://toml.io")
    .stderr_contains("1 problem found");
}

#[test]
fn wrong_type_for_lab_id() {
    invalid(
        r#"[lab]
id = 3
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: invalid type: integer `3`")
    .stderr_contains(" --> lab.toml:2:6\n")
    .stderr_contains("= expected: a string")
    .stderr_contains("1 problem found");
}

#[test]
fn unknown_key_in_lab() {
    invalid(
        r#"[lab]
id = "x"
title = "X"
colour = "red"

[[steps]]
id = "a"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: unknown field `colour`")
    .stderr_contains(" --> lab.toml:4:1\n")
    .stderr_contains("= expected: one of `id`, `title`, `summary`, `languages`, `templates`")
    .stderr_contains("= hint: remove `colour` or check its spelling");
}

#[test]
fn unknown_top_level_table_suggests_steps() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[step]]
id = "a"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: unknown top-level table `step`")
    .stderr_contains(" --> lab.toml:5:3\n")
    .stderr_contains("= hint: did you mean `steps`?");
}

#[test]
fn misspelt_action_suggests_the_closest() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
crate = { template = "x.yaml.j2" }
"#,
    )
    .stderr_contains("error: unknown field `crate`")
    .stderr_contains(" --> lab.toml:8:1\n")
    .stderr_contains("= hint: did you mean `create`?");
}

#[test]
fn unknown_action_lists_the_actions() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
frobnicate = {}
"#,
    )
    .stderr_contains("error: unknown field `frobnicate`")
    .stderr_contains(" --> lab.toml:8:1\n")
    .stderr_contains("= hint: a step holds one action: start-cluster, enable-addon,")
    .stderr_contains("checks go in [[steps.checks]]");
}

#[test]
fn a_check_key_in_a_step_suggests_checks() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}
check = { exists = { kind = "Pod", name = "p" } }
"#,
    )
    .stderr_contains("error: unknown field `check`")
    .stderr_contains(" --> lab.toml:9:1\n")
    .stderr_contains("= hint: did you mean `checks`?");
}

#[test]
fn bad_duration() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}
timeout = "5 minutes-ish"
"#,
    )
    .stderr_contains("error: `5 minutes-ish` is not a duration")
    .stderr_contains(" --> lab.toml:9:11\n")
    .stderr_contains("such as \"30s\", \"2m\" or \"1m 30s\"");
}

#[test]
fn bad_check_timeout_in_a_later_step_is_found_too() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps]]
id = "b"
title = "B"
note = {}

[[steps.checks]]
exists = { kind = "Pod", name = "p" }
timeout = "0s"
"#,
    )
    .stderr_contains("error: `0s` is zero")
    .stderr_contains(" --> lab.toml:17:11\n");
}

#[test]
fn bad_kubernetes_version() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[cluster]
kubernetes-version = "latest"

[[steps]]
id = "a"
title = "A"
start-cluster = {}
"#,
    )
    .stderr_contains(" --> lab.toml:6:22\n")
    .stderr_contains("= expected: a Kubernetes version such as \"1.21.2\"");
}

// ----------------------------------------------------------------------------------------------
// The shape of the file and its steps
// ----------------------------------------------------------------------------------------------

#[test]
fn missing_lab_table() {
    invalid(
        r#"[[steps]]
id = "a"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: the scenario has no [lab] table")
    .stderr_contains(" --> lab.toml:1:1\n")
    .stderr_contains("= expected: a [lab] table with id and title");
}

#[test]
fn missing_title_in_lab() {
    invalid(
        r#"[lab]
id = "x"

[[steps]]
id = "a"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: missing field `title`")
    .stderr_contains(" --> lab.toml:1:1\n")
    .stderr_contains("= hint: add `title = …` to this table");
}

#[test]
fn no_steps_at_all() {
    invalid(
        r#"[lab]
id = "x"
title = "X"
"#,
    )
    .stderr_contains("error: the scenario has no steps")
    .stderr_contains(" --> lab.toml:1:1\n")
    .stderr_contains("= expected: at least one [[steps]] table");
}

#[test]
fn empty_steps_list() {
    invalid(
        r#"steps = []

[lab]
id = "x"
title = "X"
"#,
    )
    .stderr_contains("error: the scenario has no steps")
    .stderr_contains(" --> lab.toml:1:9\n")
    .stderr_contains("1 problem found");
}

#[test]
fn step_without_action() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
"#,
    )
    .stderr_contains("error: step `a` has no action")
    .stderr_contains(" --> lab.toml:5:1\n")
    .stderr_contains("= expected: one of `start-cluster`, `enable-addon`,")
    .stderr_contains("`note = {}` for a step that only explains");
}

#[test]
fn step_with_two_actions_names_them_in_file_order() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}
tunnel = {}
"#,
    )
    .stderr_contains("error: step `a` has two actions: `note` and `tunnel`")
    .stderr_contains(" --> lab.toml:9:10\n")
    .stderr_contains("= expected: exactly one action per step")
    .stderr_contains("= hint: split it into two [[steps]], one per action");
}

#[test]
fn duplicate_step_id_says_where_the_first_is() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps]]
id = "a"
title = "B"
note = {}
"#,
    )
    .stderr_contains("error: duplicate step id `a`")
    .stderr_contains(" --> lab.toml:11:6\n")
    .stderr_contains("= hint: `a` is first used on line 6; rename one of them");
}

#[test]
fn bad_step_id() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "Make_Default"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: step id `Make_Default` must start with a lowercase letter")
    .stderr_contains(" --> lab.toml:6:6\n");
}

#[test]
fn needs_a_later_step_and_an_unknown_step() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}
needs = ["b", "zzz"]

[[steps]]
id = "b"
title = "B"
note = {}
"#,
    )
    .stderr_in_order(&[
        "error: step `a` needs `b`, which comes later",
        " --> lab.toml:9:10\n",
        "= hint: steps run in file order; move this step after the one it needs",
        "error: step `a` needs `zzz`, which is not a step in [[steps]]",
        " --> lab.toml:9:15\n",
        "2 problems found",
    ]);
}

#[test]
fn check_table_with_two_kinds() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
exists = { kind = "Pod", name = "p" }
absent = { kind = "Pod", name = "q" }
"#,
    )
    .stderr_contains("error: this check has two kinds: `exists` and `absent`")
    .stderr_contains(" --> lab.toml:12:10\n")
    .stderr_contains("= hint: write one [[steps.checks]] table per check");
}

#[test]
fn check_table_with_nothing_to_check() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
timeout = "1m"
"#,
    )
    .stderr_contains("error: this check says nothing to check")
    .stderr_contains(" --> lab.toml:10:1\n");
}

// ----------------------------------------------------------------------------------------------
// Variables, captures and expressions
// ----------------------------------------------------------------------------------------------

#[test]
fn undefined_variable_in_a_step_string() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[vars]
namespace = "pacman"

[[steps]]
id = "a"
title = "A"
get = { resources = "pods", namespace = "{{ namespce }}" }
"#,
    )
    .stderr_contains("error: `namespce` is not defined")
    .stderr_contains(" --> lab.toml:11:41\n")
    .stderr_contains("= expected: a name from [vars], `cluster`, or an earlier capture: namespace")
    .stderr_contains("= hint: did you mean `namespace`?");
}

#[test]
fn expression_syntax_error_in_a_step_string() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[vars]
namespace = "pacman"

[[steps]]
id = "a"
title = "A"
get = { resources = "pods", namespace = "{{ namespace }" }
"#,
    )
    .stderr_contains("error: in `{{ namespace }`:")
    .stderr_contains(" --> lab.toml:11:41\n");
}

#[test]
fn capture_used_before_it_is_captured() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
get = { resources = "pods", name = "{{ pod_uid }}" }

[[steps]]
id = "b"
title = "B"
note = {}

[[steps.capture]]
name = "pod_uid"
object = { kind = "Pod", name = "p" }
path = "metadata.uid"
"#,
    )
    .stderr_contains("error: `pod_uid` is captured only later, by step `b`")
    .stderr_contains(" --> lab.toml:8:36\n")
    .stderr_contains("= hint: move this step after `b`, or capture the value in an earlier step");
}

#[test]
fn bad_field_path() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
field = { kind = "Pod", name = "p", path = "status..phase", equals = "Running" }
"#,
    )
    .stderr_contains("error: `status..phase` has an empty key")
    .stderr_contains(" --> lab.toml:11:44\n")
    .stderr_contains("= expected: a path such as `status.readyReplicas`");
}

#[test]
fn var_override_with_an_unknown_name() {
    Test::new()
        .write(
            "lab.toml",
            r#"[lab]
id = "x"
title = "X"

[vars]
pacman_replicas = 10

[[steps]]
id = "a"
title = "A"
scale = { kind = "Deployment", name = "pacman", namespace = "pacman", replicas = "{{ pacman_replicas }}" }
"#,
        )
        .args(["validate", "lab.toml", "--var", "pacman_replica=5"])
        .run()
        .status(2)
        .stderr_contains("error: --var pacman_replica: the scenario has no variable `pacman_replica`")
        .stderr_contains("= hint: did you mean `pacman_replicas`?");
}

#[test]
fn var_override_with_the_wrong_type() {
    Test::new()
        .write(
            "lab.toml",
            r#"[lab]
id = "x"
title = "X"

[vars]
pacman_replicas = 10

[[steps]]
id = "a"
title = "A"
scale = { kind = "Deployment", name = "pacman", namespace = "pacman", replicas = "{{ pacman_replicas }}" }
"#,
        )
        .args(["validate", "lab.toml", "--var", "pacman_replicas=lots"])
        .run()
        .status(2)
        .stderr_contains("error: --var pacman_replicas: `lots` is not a whole number")
        .stderr_contains("= expected: a whole number, such as 10")
        .stderr_contains("= hint: `pacman_replicas` is of type `int` in [vars] (its default is `10`)");
}

#[test]
fn var_override_without_equals_is_a_usage_error() {
    Test::new()
        .write("lab.toml", "")
        .args(["validate", "lab.toml", "--var", "pacman_replicas"])
        .run()
        .status(2)
        .stderr_contains("is not NAME=VALUE");
}

// ----------------------------------------------------------------------------------------------
// Actions and checks
// ----------------------------------------------------------------------------------------------

#[test]
fn patch_string_that_is_not_json() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
patch = { kind = "StorageClass", name = "standard", type = "merge", patch = '{"metadata": {"annotations": }}' }
"#,
    )
    .stderr_contains(
        "error: the string holds JSON that does not parse: expected value (line 1, column 30 of the string)",
    )
    .stderr_contains(" --> lab.toml:8:77\n")
    .stderr_contains("= expected: a JSON document, as `kubectl patch -p` takes it");
}

#[test]
fn json_patch_that_is_not_a_list() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
patch = { kind = "Deployment", name = "d", type = "json", patch = { spec = { replicas = 3 } } }
"#,
    )
    .stderr_contains("error: this json patch body has the wrong shape")
    .stderr_contains(" --> lab.toml:8:67\n")
    .stderr_contains("= expected: a list of operations");
}

#[test]
fn check_on_an_unknown_kind_suggests_the_spelling() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
exists = { kind = "Statefulset", name = "mongo", namespace = "pacman" }
"#,
    )
    .stderr_contains("error: step `a` refers to unknown kind `Statefulset`")
    .stderr_contains(" --> lab.toml:11:19\n")
    .stderr_contains("= hint: write the kind as `StatefulSet`");
}

#[test]
fn rollout_check_on_a_misspelt_kind_suggests_the_spelling() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
rollout = { kind = "Statefulset", name = "mongo", namespace = "pacman" }
"#,
    )
    .stderr_contains(" --> lab.toml:11:20\n")
    .stderr_contains("= hint: write the kind as `StatefulSet`");
}

#[test]
fn check_on_a_kind_nobody_has_heard_of() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
exists = { kind = "Frobnicator", name = "f" }
"#,
    )
    .stderr_contains("error: step `a` refers to unknown kind `Frobnicator`")
    .stderr_contains(" --> lab.toml:11:19\n")
    .stderr_contains("= expected: a Kubernetes kind such as Pod, StatefulSet or StorageClass");
}

#[test]
fn scale_on_something_that_does_not_scale() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
scale = { kind = "ConfigMap", name = "c", replicas = 3 }
"#,
    )
    .stderr_contains("error: `ConfigMap` cannot be scaled")
    .stderr_contains(" --> lab.toml:8:18\n")
    .stderr_contains("= expected: Deployment, StatefulSet or ReplicaSet");
}

#[test]
fn command_as_one_shell_string() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
command = { argv = ["minikube status -p demo"] }
"#,
    )
    .stderr_contains("error: `argv` holds a whole command line in one string")
    .stderr_contains(" --> lab.toml:8:21\n")
    .stderr_contains("commands never run through a shell");
}

// ----------------------------------------------------------------------------------------------
// Templates and rendered manifests
// ----------------------------------------------------------------------------------------------

const NAMESPACE_TEMPLATE: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ namespace }}\n";

#[test]
fn missing_template_suggests_a_close_name() {
    invalid_with(
        Test::new().write("templates/ns.yaml.j2", NAMESPACE_TEMPLATE),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "nss.yaml.j2" }
"#,
    )
    .stderr_contains("error: template `nss.yaml.j2` not found in `templates`")
    .stderr_contains(" --> lab.toml:8:23\n")
    .stderr_contains("= hint: did you mean `ns.yaml.j2`?");
}

#[test]
fn missing_templates_folder() {
    invalid(
        r#"[lab]
id = "x"
title = "X"
templates = "../nowhere"

[[steps]]
id = "a"
title = "A"
note = {}
"#,
    )
    .stderr_contains("error: the templates folder `")
    .stderr_contains(" --> lab.toml:4:13\n");
}

#[test]
fn template_path_escaping_the_folder() {
    invalid_with(
        Test::new().write("x.yaml", NAMESPACE_TEMPLATE).create_dir("templates"),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "../x.yaml" }
"#,
    )
    .stderr_contains("error: template `../x.yaml` is outside the templates folder")
    .stderr_contains(" --> lab.toml:8:23\n")
    .stderr_contains("= expected: a file name inside the templates folder");
}

#[test]
fn undefined_variable_in_a_template() {
    invalid_with(
        Test::new().write("templates/ns.yaml.j2", NAMESPACE_TEMPLATE),
        r#"[lab]
id = "x"
title = "X"

[vars]
namespac = "pacman"

[[steps]]
id = "a"
title = "A"
create = { template = "ns.yaml.j2" }
"#,
    )
    .stderr_contains("error: template `ns.yaml.j2` uses `namespace`, which is not a variable")
    .stderr_contains(" --> lab.toml:11:23\n")
    .stderr_contains(
        "= hint: `namespace` is used at templates/ns.yaml.j2:4:12; add it to [vars], or fix the spelling there",
    );
}

#[test]
fn include_outside_the_templates_folder() {
    invalid_with(
        Test::new()
            .write("secret.txt", "kind: Secret\n")
            .write("templates/inc.yaml.j2", "apiVersion: v1\n{% include \"../secret.txt\" %}\n"),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "inc.yaml.j2" }
"#,
    )
    .stderr_contains(
        "error: in template `inc.yaml.j2`: template `../secret.txt` is outside the templates folder; templates may only load files from `templates`\n",
    )
    .stderr_contains(" --> templates/inc.yaml.j2:2:4\n");
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    invalid_with(
        Test::new().write(
            "templates/bad.yaml.j2",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ namespace }\n",
        ),
        r#"[lab]
id = "x"
title = "X"

[vars]
namespace = "pacman"

[[steps]]
id = "a"
title = "A"
create = { template = "bad.yaml.j2" }
"#,
    )
    .stderr_contains("error: in template `bad.yaml.j2`: template syntax error: unexpected `}`")
    .stderr_contains(" --> templates/bad.yaml.j2:4:22\n")
    .stderr_contains("4 |   name: {{ namespace }\n");
}

#[test]
fn template_attribute_error_at_render_time() {
    invalid_with(
        Test::new().write(
            "templates/v.yaml.j2",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\ndata:\n  minor: \"{{ cluster.minr }}\"\n",
        ),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "v.yaml.j2" }
"#,
    )
    .stderr_contains("error: in template `v.yaml.j2`: undefined value")
    .stderr_contains(" --> templates/v.yaml.j2:6:");
}

#[test]
fn invalid_yaml_in_a_rendered_template_names_document_and_line() {
    invalid_with(
        Test::new().write(
            "templates/cm.yaml.j2",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: [unclosed\n",
        ),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "cm.yaml.j2" }
"#,
    )
    .stderr_contains("error: invalid YAML in template `cm.yaml.j2`: did not find expected ',' or ']'")
    .stderr_contains(" --> templates/cm.yaml.j2:11:6 (rendered, document 2)\n")
    .stderr_contains("11 |   x: [unclosed\n");
}

#[test]
fn manifest_without_kind() {
    invalid_with(
        Test::new().write(
            "templates/nokind.yaml.j2",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nmetadata:\n  name: b\n",
        ),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "nokind.yaml.j2" }
"#,
    )
    .stderr_contains("error: document 2 of template `nokind.yaml.j2` has no kind")
    .stderr_contains(" --> templates/nokind.yaml.j2:6:1 (rendered, document 2)\n")
    .stderr_contains("= expected: every document to have apiVersion, kind and metadata.name");
}

#[test]
fn manifest_without_metadata_name() {
    invalid_with(
        Test::new().write(
            "templates/noname.yaml.j2",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n",
        ),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "noname.yaml.j2" }
"#,
    )
    .stderr_contains("error: document 1 of template `noname.yaml.j2` has no metadata.name")
    .stderr_contains(" --> templates/noname.yaml.j2:1:1 (rendered, document 1)\n")
    .stderr_contains("= hint: every object needs `metadata: {name: …}`");
}

#[test]
fn template_that_renders_nothing() {
    invalid_with(
        Test::new().write("templates/empty.yaml.j2", "{% if false %}\nkind: Pod\n{% endif %}\n"),
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
create = { template = "empty.yaml.j2" }
"#,
    )
    .stderr_contains("error: template `empty.yaml.j2` renders no Kubernetes object");
}

// ----------------------------------------------------------------------------------------------
// Where checks look, and how they compare
// ----------------------------------------------------------------------------------------------

/// The checks of the issue that passed wrongly: on namespaced kinds without a scope, they looked
/// in one namespace only. Now each is refused, where it is written, with both options.
#[test]
fn a_check_on_a_namespaced_kind_must_say_where_it_looks() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
count = { kind = "Pod", selector = "app=nginx", equals = 0 }

[[steps.checks]]
absent = { kind = "Deployment", name = "nginx" }
"#,
    )
    .stderr_in_order(&[
        "error: `Pod` is namespaced, and this check does not say which namespace to look in",
        " --> lab.toml:11:18\n",
        "= expected: either `namespace = \"…\"` or `all-namespaces = true`",
        "= hint: add `namespace = \"…\"` to look in one namespace, or `all-namespaces = true` to look in every namespace",
        "error: `Deployment` is namespaced, and this check does not say which namespace to look in",
        " --> lab.toml:14:19\n",
        "2 problems found",
    ]);
}

#[test]
fn actions_and_captures_on_a_namespaced_kind_must_say_where_too() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
scale = { kind = "Deployment", name = "web", replicas = 2 }

[[steps]]
id = "b"
title = "B"
delete = { kind = "Pod", name = "web-0" }

[[steps.capture]]
name = "uid"
when = "before"
object = { kind = "Pod", name = "web-0" }
path = "metadata.uid"

[[steps]]
id = "c"
title = "C"
patch = { kind = "ConfigMap", name = "web", patch = { data = { a = "b" } } }
"#,
    )
    .stderr_in_order(&[
        "error: `Deployment` is namespaced, and this scale does not say which namespace to look in",
        " --> lab.toml:8:18\n",
        "error: `Pod` is namespaced, and this delete does not say which namespace to look in",
        " --> lab.toml:13:19\n",
        "error: `Pod` is namespaced, and this capture does not say which namespace to look in",
        " --> lab.toml:18:19\n",
        "error: `ConfigMap` is namespaced, and this patch does not say which namespace to look in",
        " --> lab.toml:24:18\n",
        "4 problems found",
    ]);
}

#[test]
fn a_cluster_scoped_kind_refuses_a_namespace_and_both_scopes_are_refused() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
exists = { kind = "StorageClass", name = "standard", namespace = "default" }

[[steps.checks]]
absent = { kind = "Namespace", name = "web", all-namespaces = true }

[[steps.checks]]
exists = { kind = "Pod", name = "web-0", namespace = "web", all-namespaces = true }
"#,
    )
    .stderr_in_order(&[
        "error: `StorageClass` is cluster-scoped: its objects are in no namespace",
        " --> lab.toml:11:66\n",
        "= hint: remove `namespace`",
        "error: `Namespace` is cluster-scoped: `all-namespaces` does not apply",
        " --> lab.toml:14:19\n",
        "= hint: remove `all-namespaces`",
        "error: this check gives both `namespace` and `all-namespaces = true`",
        " --> lab.toml:17:19\n",
        "3 problems found",
    ]);
}

#[test]
fn field_comparisons_need_exactly_one_and_a_fitting_path() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
note = {}

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "web", path = "spec.replicas", equals = 2, contains = 2 }

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "web", path = "spec.replicas" }

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "web", path = "spec.template.spec.containers", count = 2 }

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "web", path = "spec.replicas", any = 2 }

[[steps.checks]]
field = { kind = "Deployment", name = "web", selector = "app=web", namespace = "web", path = "spec.replicas", equals = 2 }

[[steps.checks]]
absent-field = { kind = "Deployment", namespace = "web", path = "metadata.annotations[debug]" }
"#,
    )
    .stderr_in_order(&[
        "error: `equals` and `contains` cannot be combined",
        " --> lab.toml:11:9\n",
        "= expected: exactly one of `equals`, `any`, `contains` and `count`",
        "error: nothing to compare the field with",
        " --> lab.toml:14:9\n",
        "error: `count` needs a path that selects several values; `spec.template.spec.containers` selects one",
        " --> lab.toml:17:72\n",
        "= hint: to count the elements of the list at `spec.template.spec.containers`, write `spec.template.spec.containers[*]`",
        "error: `any` needs a path that selects several values; `spec.replicas` selects one",
        " --> lab.toml:20:72\n",
        "= hint: use `equals` to compare the one value at `spec.replicas`",
        "error: `name` and `selector` both pick the object",
        " --> lab.toml:23:57\n",
        "error: this check names no object",
        " --> lab.toml:26:16\n",
        "error: `[debug]` in `metadata.annotations[debug]` must be an index like [0], [*], a quoted key",
        " --> lab.toml:26:65\n",
        "7 problems found",
    ]);
}

#[test]
fn http_expectations_use_the_same_comparisons() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
http = { url = "http://127.0.0.1:9/", expect = { json = [{ path = "rs", any = "success" }, { path = "[*].name", equals = "a", contains = "a" }] } }
"#,
    )
    .stderr_in_order(&[
        "error: `any` needs a path that selects several values; `rs` selects one",
        "error: `equals` and `contains` cannot be combined",
        "2 problems found",
    ]);
}

// ----------------------------------------------------------------------------------------------
// Prose renders like everything else
// ----------------------------------------------------------------------------------------------

/// Titles, explanations, hints, pause messages and the lab's own title render with the same
/// names as actions; a name nobody defines is an error where it is written.
#[test]
fn an_undefined_variable_in_any_text_is_an_error() {
    invalid(
        r#"[lab]
id = "x"
title = "Scaling {{ app }}"

[vars]
replicas = 3

[[steps]]
id = "a"
title.en = "Scale to {{ replica }} replicas"
title.es = "Escalar a {{ replicas }} réplicas"
explain = "Runs `kubectl scale --replicas {{ replicas }} -n {{ namespace }}`."
note = {}
pause = "Look at {{ uid }}, then press Enter"

[[steps.checks]]
exists = { kind = "Namespace", name = "web" }
hint = "Run `kubectl get ns {{ nmespace }}`"

[[steps]]
id = "b"
title = "B"
note = {}

[[steps.capture]]
name = "uid"
object = { kind = "Namespace", name = "web" }
path = "metadata.uid"
"#,
    )
    .stderr_in_order(&[
        "error: `app` is not defined",
        " --> lab.toml:3:9\n",
        "error: `replica` is not defined",
        " --> lab.toml:10:12\n",
        "= hint: did you mean `replicas`?",
        "error: `namespace` is not defined",
        " --> lab.toml:12:11\n",
        "error: `uid` is captured only later, by step `b`",
        " --> lab.toml:14:9\n",
        "error: `nmespace` is not defined",
        " --> lab.toml:18:8\n",
        "5 problems found",
    ]);
}

// ----------------------------------------------------------------------------------------------
// Many problems at once
// ----------------------------------------------------------------------------------------------

#[test]
fn several_problems_are_reported_together_in_source_order() {
    invalid(
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "a"
title = "A"
crate = { template = "x.yaml.j2" }

[[steps]]
id = "b"
title = "B"
note = {}
timeout = "soon"

[[steps]]
id = "c"
title = "C"
"#,
    )
    .stderr_in_order(&[
        "error: unknown field `crate`",
        " --> lab.toml:8:1\n",
        "error: `soon` is not a duration",
        " --> lab.toml:14:11\n",
        "error: step `c` has no action",
        " --> lab.toml:16:1\n",
        "3 problems found\n",
    ]);
}

/// Every problem of a file in one pass, whatever stage finds it: the TOML syntax, a step's keys,
/// names and references, and what needs the rendered plan (kinds, numbers, resources). Among
/// them the four that authors met only after fixing the others: a bad lab id, an upper-case step
/// id, an undefined template variable and a `needs` on a later step.
#[test]
fn every_problem_of_a_file_is_reported_in_one_pass() {
    let t = Test::new().write(
        "templates/app.yaml.j2",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: {{ nmespace }}\n",
    );
    invalid_with(
        t,
        r#"[lab]
id = "Day 55!"
title = "Day 55

[vars]
namespace = "web"

[[steps]]
id = "Create-App"
title = "Create the app in {{ namespce }}"
create = { template = "app.yaml.j2" }
needs = ["scale-web"]

[[steps]]
id = "scale-web"
title = "Scale"
scale = { kind = "Deploymnt", name = "web", namespace = "{{ namespace }}", replicas = 100000 }
timeout = "5 parsecs"

[[steps.checks]]
count = { kind = "Pod", selector = "app=web", equals = 3 }

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "{{ namespace }}", path = "spec..replicas", equals = 3 }

[[steps.checks]]
exsits = { kind = "Pod", name = "web-0", namespace = "{{ namespace }}" }

[[steps]]
id = "look"
title = "Look"
crate = { template = "app.yaml.j2" }

[[steps]]
id = "list"
title = "List"
get = { resources = "podz", namespace = "{{ namespace }}" }

[[steps.checks]]
exists = { kind = "Widget", name = "w", namespace = "{{ namespace }}" }
"#,
    )
    .stderr_in_order(&[
        "error: lab id `Day 55!` is not a plain name",
        " --> lab.toml:2:6\n",
        "error: TOML syntax error: invalid basic string",
        " --> lab.toml:3:16\n",
        "error: step id `Create-App` must start with a lowercase letter",
        " --> lab.toml:9:6\n",
        "error: `namespce` is not defined",
        " --> lab.toml:10:9\n",
        "error: template `app.yaml.j2` uses `nmespace`, which is not a variable",
        " --> lab.toml:11:23\n",
        "error: step `Create-App` needs `scale-web`, which comes later",
        " --> lab.toml:12:10\n",
        "error: step `scale-web`: `replicas` is 100000, outside 0..=10000",
        "error: `Deploymnt` cannot be scaled",
        " --> lab.toml:17:18\n",
        "error: `5 parsecs` is not a duration",
        " --> lab.toml:18:11\n",
        "error: `Pod` is namespaced, and this check does not say which namespace to look in",
        " --> lab.toml:21:18\n",
        "error: `spec..replicas` has an empty key before position 5",
        " --> lab.toml:24:84\n",
        "error: unknown field `exsits`",
        " --> lab.toml:27:1\n",
        "= hint: did you mean `exists`?",
        "error: unknown field `crate`",
        " --> lab.toml:32:1\n",
        "= hint: did you mean `create`?",
        "error: `get` names unknown resource `podz`",
        " --> lab.toml:37:21\n",
        "error: step `list` refers to unknown kind `Widget`",
        " --> lab.toml:40:19\n",
        "15 problems found\n",
    ]);
}

/// Fixing every problem reported leaves a valid file: nothing was hidden behind the others.
#[test]
fn fixing_every_reported_problem_leaves_nothing_hidden() {
    Test::new()
        .write(
            "templates/app.yaml.j2",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: {{ namespace }}\n",
        )
        .write(
            "lab.toml",
            r#"[lab]
id = "day55"
title = "Day 55"

[vars]
namespace = "web"

[[steps]]
id = "create-app"
title = "Create the app in {{ namespace }}"
create = { template = "app.yaml.j2" }

[[steps]]
id = "scale-web"
title = "Scale"
scale = { kind = "Deployment", name = "web", namespace = "{{ namespace }}", replicas = 3 }
timeout = "5m"
needs = ["create-app"]

[[steps.checks]]
count = { kind = "Pod", selector = "app=web", namespace = "{{ namespace }}", equals = 3 }

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "{{ namespace }}", path = "spec.replicas", equals = 3 }

[[steps.checks]]
exists = { kind = "Pod", name = "web-0", namespace = "{{ namespace }}" }

[[steps]]
id = "look"
title = "Look"
create = { template = "app.yaml.j2", allow-existing = true }

[[steps]]
id = "list"
title = "List"
get = { resources = "pods", namespace = "{{ namespace }}" }

[[steps.checks]]
exists = { kind = "ConfigMap", name = "app", namespace = "{{ namespace }}" }
"#,
        )
        .args(["validate", "lab.toml"])
        .run()
        .success()
        .stdout_contains("lab.toml is valid");
}

#[test]
fn a_missing_scenario_file() {
    Test::new()
        .args(["validate", "nope.toml"])
        .run()
        .status(2)
        .stderr_contains("error: cannot read scenario `nope.toml`");
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "\u{feff}",
        "[lab]\n",
        "lab = 3\n",
        "steps = 3\n[lab]\nid = \"x\"\ntitle = \"X\"\n",
        "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\n",
        "[lab]\nid = \"x\"\ntitle = { en = 3 }\n",
        "[lab]\nid = \"\"\ntitle = \"\"\nlanguages = []\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n",
        "[lab]\nid = \"x\"\ntitle = \"X\"\n[vars]\na = [1]\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n",
        "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nscale = { kind = \"Deployment\", name = \"d\", replicas = -1 }\n",
        "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n[[steps.capture]]\nname = \"x\"\n",
    ] {
        let out = Test::new().write("lab.toml", text).args(["validate", "lab.toml"]).run();
        assert_eq!(out.code, Some(2), "input {text:?}\n{}", out.stderr);
        assert!(!out.stderr.contains("panicked"), "input {text:?}\n{}", out.stderr);
        assert!(out.stderr.contains("found\n"), "input {text:?}\n{}", out.stderr);
    }
}

// ----------------------------------------------------------------------------------------------
// The shipped lab
// ----------------------------------------------------------------------------------------------

#[test]
fn day55_is_valid() {
    Test::in_repo()
        .args(["validate", "scenarios/day55.toml"])
        .run()
        .success()
        .stdout_contains("scenarios/day55.toml is valid: lab `day55`")
        .stdout_contains("for Kubernetes v1.21.2")
        .stderr("");
}

#[test]
fn day55_is_valid_on_a_current_kubernetes() {
    Test::in_repo()
        .args(["validate", "scenarios/day55.toml", "--kubernetes-version", "1.31.0"])
        .run()
        .success()
        .stdout_contains("for Kubernetes v1.31.0")
        .stderr("");
}

#[test]
fn day55_with_a_bad_kubernetes_version_override() {
    Test::in_repo()
        .args(["validate", "scenarios/day55.toml", "--kubernetes-version", "one.two"])
        .run()
        .status(2)
        .stderr_contains("= expected: a version such as 1.31.0");
}
