//! Finds the tool's English in what a Spanish learner reads.
//!
//! Two detectors: [`phrases`], the tool's known English phrases, and [`prose`], any line that
//! reads as English sentence-work (two or more English-only function words). Lines that imitate
//! kubectl (`namespace/pacman created`, `get` tables) carry no such words; the Kubernetes Events
//! a failed check quotes can, so a test that shows them passes [`prose`] only what the tool wrote.

/// Phrases the tool writes in English, none of which a Spanish learner should read.
pub const PHRASES: &[&str] = &[
    "step 1/",
    "steps)",
    " passed",
    " failed",
    "skipped",
    "needs a real cluster",
    "checking ",
    "waiting",
    "cluster: REHEARSAL",
    "cluster: minikube",
    "REHEARSAL cluster",
    " exists",
    "is absent",
    "rolled out",
    " found",
    "captured ",
    "ready with",
    "in any namespace",
    "is Bound",
    "has an address",
    "objects created",
    "scaled to",
    "start over with",
    "hint:",
    "What workshop checks",
    "Needs ",
    "| name | value | meaning |",
    "keeps running in the background",
    "(within ",
    "is valid",
    "not ready",
    "fix:",
    "expected:",
    "observed:",
    "diagnosis:",
    "is not set",
    "selects nothing",
    "the others",
    "no address",
    "ingress controller is",
    "does not match",
    "problem found",
    "already clean",
    "resume state",
    "Reset lab",
    "Go ahead",
    "nothing was changed",
    "problems found",
];

/// Words English sentences are made of and Spanish ones are not.
const FUNCTION_WORDS: &[&str] = &[
    "the", "is", "are", "was", "with", "and", "of", "to", "from", "for", "this", "that", "not", "or", "it", "its",
    "be", "has", "have", "does", "an", "your", "you", "there", "which", "when", "into", "by", "than", "then", "only",
    "must", "should", "can", "cannot", "would", "will", "at", "on", "as", "in", "use", "run", "add", "set", "try",
    "remove", "give", "write", "keep", "every",
];

/// The lines of `text` that contain one of [`PHRASES`].
pub fn phrases(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| PHRASES.iter().any(|e| l.contains(e)))
        .map(str::to_owned)
        .collect()
}

/// The lines of `text` that read as English: two or more different English function words
/// outside code (`…`), quotes and paths.
pub fn prose(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| english_words(l).len() >= 2)
        .map(str::to_owned)
        .collect()
}

/// The English function words of one line, outside `code` spans and "quoted" text.
fn english_words(line: &str) -> Vec<&'static str> {
    let mut outside = String::new();
    let (mut code, mut quoted) = (false, false);
    for c in line.chars() {
        match c {
            '`' => code = !code,
            '"' => quoted = !quoted,
            _ if !code && !quoted => outside.push(c),
            _ => {}
        }
    }
    let mut found: Vec<&'static str> = outside
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter_map(|w| FUNCTION_WORDS.iter().copied().find(|f| w == *f))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Both detectors at once: every line of `text` a Spanish learner should not read.
pub fn lines(text: &str) -> Vec<String> {
    let mut all = phrases(text);
    for l in prose(text) {
        if !all.contains(&l) {
            all.push(l);
        }
    }
    all
}

/// `text` without the lines that quote the learner's own scenario under a problem
/// (`12 | exists = …`): those are whatever the file says.
pub fn without_source_lines(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            !(digits > 0 && t[digits..].starts_with(" |"))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Fails, showing every line of `text` a Spanish learner should not read and the whole
/// `text`, when there is one. `what` names whose output it is.
#[track_caller]
pub fn assert_none(what: &str, text: &str) {
    let found = lines(text);
    assert!(
        found.is_empty(),
        "{what}: English lines:\n{}\n--- output ---\n{text}",
        found.join("\n")
    );
}

#[test]
fn prose_finds_english_sentences_and_passes_spanish_and_kubectl() {
    assert_eq!(
        prose("error: the step `x` needs a step that is not earlier\nerror: el paso `x` necesita un paso anterior"),
        ["error: the step `x` needs a step that is not earlier"]
    );
    assert!(prose("namespace/pacman created\nNAME READY STATUS\nmongo-0 1/1 Running").is_empty());
    assert!(prose("sugerencia: ejecute `workshop run the lab.toml --from a`").is_empty());
}
