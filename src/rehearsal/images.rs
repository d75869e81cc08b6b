//! Images the rehearsal knows cannot be pulled. No image is ever pulled here; this table stands
//! for facts a learner meets on a real cluster, so the lab's aged references fail the same way:
//! Bitnami moved its versioned images from `docker.io/bitnami/` to `docker.io/bitnamilegacy/` in
//! 2025 (bitnami/containers issue 83267), so `bitnami/mongodb:4.4.8` is no longer found.
//!
//! Depends on nothing in the rehearsal.

/// Why a kubelet could not pull `image`: the waiting reason and the message it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullFailure {
    /// `ErrImagePull` (then `ImagePullBackOff`) or `InvalidImageName`.
    pub reason: &'static str,
    pub message: String,
}

/// The failure a real cluster would report for `image`, if the rehearsal knows one.
pub fn pull_failure(image: &str) -> Option<PullFailure> {
    if !valid_reference(image) {
        return Some(PullFailure {
            reason: "InvalidImageName",
            message: format!(
                "Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format"
            ),
        });
    }
    let (repository, tag) = split(image);
    let on_docker_hub = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"]
        .iter()
        .find_map(|r| repository.strip_prefix(r))
        .or_else(|| (!first_part_is_registry(repository)).then_some(repository));
    let bitnami_versioned =
        on_docker_hub.is_some_and(|r| r.starts_with("bitnami/")) && tag.is_some_and(|t| t != "latest");
    if bitnami_versioned {
        let full = if image.starts_with("docker.io/") {
            image.to_owned()
        } else {
            format!("docker.io/{image}")
        };
        return Some(PullFailure {
            reason: "ErrImagePull",
            message: format!(
                "Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
            ),
        });
    }
    None
}

/// `repo:tag` → (`repo`, Some(`tag`)); a digest or no tag → (`repo`, None).
fn split(image: &str) -> (&str, Option<&str>) {
    let without_digest = image.split('@').next().unwrap_or(image);
    match without_digest.rsplit_once(':') {
        // A colon before the last `/` belongs to a registry port (`host:5000/app`).
        Some((repo, tag)) if !tag.contains('/') => (repo, Some(tag)),
        _ => (without_digest, None),
    }
}

fn first_part_is_registry(repository: &str) -> bool {
    repository
        .split_once('/')
        .is_some_and(|(first, _)| first.contains('.') || first.contains(':') || first == "localhost")
}

/// The shape of a reference: no spaces, no upper case in the repository, not empty.
fn valid_reference(image: &str) -> bool {
    let (repository, _) = split(image);
    !image.is_empty()
        && !image.chars().any(char::is_whitespace)
        && !repository.chars().any(|c| c.is_ascii_uppercase())
        && !repository.ends_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitnami_versioned_images_are_gone_and_legacy_ones_pull() {
        let f = pull_failure("bitnami/mongodb:4.4.8").expect("fails");
        assert_eq!(f.reason, "ErrImagePull");
        assert!(
            f.message.contains("docker.io/bitnami/mongodb:4.4.8: not found"),
            "{}",
            f.message
        );
        assert!(pull_failure("docker.io/bitnami/bitnami-shell:10-debian-10-r158").is_some());
        assert!(pull_failure("docker.io/bitnamilegacy/mongodb:4.4.8").is_none());
        assert!(pull_failure("bitnami/mongodb:latest").is_none());
        assert!(pull_failure("bitnami/mongodb").is_none());
        assert!(pull_failure("quay.io/bitnami/mongodb:4.4.8").is_none());
        assert!(pull_failure("quay.io/ifont/pacman-nodejs-app:latest").is_none());
        assert!(pull_failure("localhost:5000/bitnami/x:1").is_none());
    }

    #[test]
    fn malformed_references_are_invalid_names() {
        assert_eq!(pull_failure("Mongo:4").unwrap().reason, "InvalidImageName");
        assert_eq!(pull_failure("mongo 4").unwrap().reason, "InvalidImageName");
        assert_eq!(pull_failure("").unwrap().reason, "InvalidImageName");
    }
}
