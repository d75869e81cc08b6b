//! Labs from the internet (docs/security.md): files a lab may read, hostile variable values,
//! consent, the lab's cluster for commands, and secrets kept out of every output.

use std::time::Duration;

use crate::support::Test;

const NOTE_STEP: &str = "\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n";

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

#[test]
fn templates_outside_the_scenario_folder_are_refused_without_reading_them() {
    let lab = "[lab]\nid = \"x\"\ntitle = \"X\"\ntemplates = \"/etc\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\ncreate = { template = \"passwd\" }\n";
    Test::new()
        .write("lab.toml", lab)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: the templates folder `/etc` is outside the scenario's folder")
        .stderr_contains(" --> lab.toml:4:13\n")
        .stderr_contains("a lab reads only files in its own folder")
        .stderr_lacks("root:");
}

#[test]
fn a_templates_link_to_a_folder_outside_is_refused() {
    let t = Test::new().write(
        "lab/lab.toml",
        "[lab]\nid = \"x\"\ntitle = \"X\"\ntemplates = \"t\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\ncreate = { template = \"passwd\" }\n",
    );
    std::os::unix::fs::symlink("/etc", t.path().join("lab/t")).unwrap();
    t.args(["validate", "lab/lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: the templates folder `lab/t` is outside the scenario's folder")
        .stderr_lacks("root:");
}

#[test]
fn a_device_as_scenario_is_refused_at_once() {
    Test::new()
        .args(["validate", "/dev/zero"])
        .timeout(Duration::from_secs(20))
        .run()
        .status(2)
        .stderr_contains("error: scenario `/dev/zero` is a character device (such as /dev/zero), not a regular file")
        .stderr_contains("hint: name a regular text file");
}

#[test]
fn a_named_pipe_as_scenario_is_refused_without_blocking() {
    let t = Test::new();
    let fifo = t.path().join("lab.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    t.args(["validate", "lab.toml"])
        .timeout(Duration::from_secs(20))
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is a named pipe (FIFO), not a regular file");
}

#[test]
fn a_scenario_larger_than_4_mib_is_refused() {
    let big = format!("{}# {}\n", crate::support::LAB, "x".repeat(4 * 1024 * 1024));
    Test::new()
        .write("lab.toml", big + NOTE_STEP)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is larger than 4 MiB");
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    Test::new()
        .write("lab.toml", b"[lab]\nid = \"x\"\ntitle = \"Caf\xE9\"\n")
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is not valid UTF-8: byte 0xE9 at line 3, column 13")
        .stderr_contains(" --> lab.toml:3:13\n")
        .stderr_contains("hint: save the file as UTF-8");
}

#[test]
fn utf16_is_refused_with_a_hint() {
    let text = format!("{}{NOTE_STEP}", crate::support::LAB);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    Test::new()
        .write("lab.toml", utf16)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is UTF-16 text, not UTF-8")
        .stderr_contains("hint: save the file as UTF-8");
}

#[test]
fn a_template_in_latin1_is_reported_in_the_template() {
    let lab = "[lab]\nid = \"x\"\ntitle = \"X\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\ncreate = { template = \"cm.yaml.j2\" }\n";
    Test::new()
        .write("lab.toml", lab)
        .write(
            "templates/cm.yaml.j2",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xE9\n",
        )
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: template `templates/cm.yaml.j2` is not valid UTF-8: byte 0xE9 at line 4, column 12")
        .stderr_contains(" --> templates/cm.yaml.j2:4:12\n")
        .stderr_contains("save the file as UTF-8");
}
