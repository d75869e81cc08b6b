//! The exact text of representative errors, pinned with insta snapshots (as casey/just pins its
//! `tests/error_messages.rs`). The scenario is run by a relative path from inside the temporary
//! folder, so the output holds `lab.toml:8:1` and no temporary path.

use crate::support::Test;

fn stderr_of(test: Test) -> String {
    test.args(["validate", "lab.toml"]).run().status(2).stdout("").stderr
}

#[test]
fn misspelt_action() {
    let stderr = stderr_of(Test::new().write(
        "lab.toml",
        r#"[lab]
id = "x"
title = "X"

[[steps]]
id = "create-app"
title = "Create the app"
crate = { template = "app.yaml.j2" }
"#,
    ));
    insta::assert_snapshot!(stderr);
}

#[test]
fn several_problems_in_one_file() {
    let stderr = stderr_of(Test::new().write(
        "lab.toml",
        r#"[lab]
id = "x"
title = "X"

[vars]
namespace = "pacman"

[[steps]]
id = "get-pods"
title = "List the pods"
get = { resources = "pods", namespace = "{{ namespce }}" }

[[steps]]
id = "get-pods"
title = "List them again"
get = { resources = "pods", namespace = "{{ namespace }}" }
needs = ["later"]
"#,
    ));
    insta::assert_snapshot!(stderr);
}

#[test]
fn invalid_yaml_in_a_rendered_template() {
    let stderr = stderr_of(
        Test::new()
            .write(
                "templates/app.yaml.j2",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ namespace }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: {{ namespace }}\ndata:\n  greeting: \"hello\n",
            )
            .write(
                "lab.toml",
                r#"[lab]
id = "x"
title = "X"

[vars]
namespace = "pacman"

[[steps]]
id = "create-app"
title = "Create the app"
create = { template = "app.yaml.j2" }
"#,
            ),
    );
    insta::assert_snapshot!(stderr);
}
