//! The column type of the printers and the columns many kinds share (Name, Age, Containers,
//! Images, Selector).

/// One column definition.
pub(super) struct Col {
    pub(super) name: &'static str,
    pub(super) ty: &'static str,
    pub(super) priority: u8,
    pub(super) description: &'static str,
    /// Shown from this minor version on.
    pub(super) since_minor: u32,
}

pub(super) const fn col(name: &'static str, ty: &'static str, priority: u8, description: &'static str) -> Col {
    Col {
        name,
        ty,
        priority,
        description,
        since_minor: 0,
    }
}

pub(super) const NAME: Col = col(
    "Name",
    "string",
    0,
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
);

pub(super) const AGE: Col = col(
    "Age",
    "string",
    0,
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);

pub(super) const CONTAINERS: Col = col("Containers", "string", 1, "Names of each container in the template.");

pub(super) const IMAGES: Col = col(
    "Images",
    "string",
    1,
    "Images referenced by each container in the template.",
);

pub(super) const SELECTOR: Col = col(
    "Selector",
    "string",
    1,
    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
);
