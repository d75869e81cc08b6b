//! The command line itself: `list`, `--help` on every subcommand, usage errors.

use crate::support::Test;

#[test]
fn list_shows_day55() {
    Test::in_repo()
        .args(["list", "scenarios"])
        .run()
        .success()
        .stdout_contains("day55")
        .stdout_contains("State and Ingress")
        .stdout_contains("20 steps")
        .stdout_contains("scenarios/day55.toml");
}

#[test]
fn list_defaults_to_the_scenarios_folder() {
    Test::in_repo().args(["list"]).run().success().stdout_contains("day55");
}

#[test]
fn list_marks_invalid_scenarios() {
    Test::new()
        .write(
            "labs/good.toml",
            "[lab]\nid = \"good\"\ntitle = \"Good lab\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n",
        )
        .write("labs/bad.toml", "[lab]\nid = 3\n")
        .args(["list", "labs"])
        .run()
        .success()
        .stdout_in_order(&[
            "(invalid)",
            "labs/bad.toml",
            "good",
            "Good lab",
            "1 step ",
            "labs/good.toml",
        ]);
}

#[test]
fn list_of_a_missing_folder() {
    Test::new()
        .args(["list", "nowhere"])
        .run()
        .status(2)
        .stderr_contains("error: cannot read folder `nowhere`");
}

#[test]
fn list_of_an_empty_folder() {
    Test::new()
        .create_dir("empty")
        .args(["list", "empty"])
        .run()
        .success()
        .stdout_contains("no scenarios (*.toml with a [lab] table) in empty or its subfolders");
}

#[test]
fn list_right_after_new_finds_the_new_lab_in_its_subfolder() {
    let t = Test::new();
    Test::new()
        .current_dir(t.path())
        .args(["new", "labs/first-lab"])
        .run()
        .success();
    // No scenarios/ folder: list looks here, subfolders included.
    Test::new()
        .current_dir(t.path())
        .args(["list"])
        .run()
        .success()
        .stdout_contains("first-lab")
        .stdout_contains("labs/first-lab.toml");
}

#[test]
fn a_zero_timeout_factor_is_refused() {
    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--timeout",
            "0",
        ])
        .run()
        .status(2)
        .stderr_contains("`0` would leave no time to wait: give a factor above 0");
}

#[test]
fn help_mentions_every_command() {
    Test::new()
        .args(["--help"])
        .run()
        .success()
        .stdout_contains("Runs hands-on Kubernetes labs from TOML scenario files")
        .stdout_in_order(&["validate", "plan", "list", "run"])
        .stdout_contains("Exit codes:");
}

#[test]
fn help_of_validate() {
    Test::new()
        .args(["validate", "--help"])
        .run()
        .success()
        .stdout_contains("Check a scenario thoroughly without a cluster")
        .stdout_contains("--kubernetes-version")
        .stdout_contains("--var");
}

#[test]
fn help_of_plan() {
    Test::new()
        .args(["plan", "--help"])
        .run()
        .success()
        .stdout_contains("Show the resolved steps in order")
        .stdout_contains("--manifests")
        .stdout_contains("--lang");
}

#[test]
fn help_of_list() {
    Test::new()
        .args(["list", "--help"])
        .run()
        .success()
        .stdout_contains("List the labs in a folder");
}

#[test]
fn help_of_run() {
    Test::new()
        .args(["run", "--help"])
        .run()
        .success()
        .stdout_contains("Run a lab")
        .stdout_contains("--cluster");
}

#[test]
fn help_of_rehearsal_serve() {
    Test::new()
        .args(["rehearsal", "serve", "--help"])
        .run()
        .success()
        .stdout_contains("Run the rehearsal cluster on 127.0.0.1")
        .stdout_contains("[SCENARIO]")
        .stdout_contains("profile names the node");
}

#[test]
fn rehearsal_serve_of_a_broken_scenario_says_what_is_wrong_and_serves_nothing() {
    Test::new()
        .write("bad.toml", "[lab]\nid = 3\n")
        .args(["rehearsal", "serve", "bad.toml"])
        .run()
        .status(2)
        .stderr_contains("--> bad.toml:2:6")
        .stdout_lacks("listening on");
    Test::new()
        .args(["rehearsal", "serve", "nope.toml"])
        .run()
        .status(2)
        .stderr_contains("cannot read scenario `nope.toml`");
}

#[test]
fn version() {
    Test::new()
        .args(["--version"])
        .run()
        .success()
        .stdout_contains(concat!("workshop ", env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    Test::new()
        .args(["frobnicate"])
        .run()
        .status(2)
        .stderr_contains("unrecognized subcommand 'frobnicate'");
}

#[test]
fn missing_scenario_argument_is_a_usage_error() {
    Test::new()
        .args(["validate"])
        .run()
        .status(2)
        .stderr_contains("<SCENARIO>");
}

#[test]
fn color_always_colors_errors_and_never_does_not() {
    let toml = "[lab]\nid = 3\n";
    Test::new()
        .write("lab.toml", toml)
        .raw()
        .args(["--color", "always", "validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("\u{1b}[");
    Test::new()
        .write("lab.toml", toml)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_lacks("\u{1b}[");
}

#[test]
fn the_harness_kills_a_hung_binary() {
    // A program that would run for a minute: the harness must stop it at the deadline and fail.
    let result = std::panic::catch_unwind(|| {
        Test::new()
            .program("sleep")
            .raw()
            .args(["60"])
            .timeout(std::time::Duration::from_millis(500))
            .run()
    });
    let message = result
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(message.contains("did not finish within"), "{message}");
}

#[test]
fn expect_on_a_background_command_is_refused() {
    let lab = format!(
        "{}\n[[steps]]\nid = \"serve\"\ntitle = \"Serve\"\ncommand = {{ argv = [\"sleep\", \"5\"], background = true, expect = {{ stdout-contains = \"ready\" }} }}\n",
        crate::support::LAB
    );
    Test::new()
        .write("lab.toml", &lab)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("`expect` on a background command is never checked")
        .stderr_contains("lab.toml:");
}
