//! The shape of the generated field tables (`schema.rs`): what a field holds, a message's
//! fields, and the kinds a body may hold.

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A string.
    String,
    /// A bool.
    Bool,
    /// An int32.
    Int32,
    /// An int64.
    Int64,
    /// A double.
    Double,
    /// Bytes, base64 in JSON.
    Bytes,
    /// A nested message, by index into `schema::MESSAGES`.
    Message(usize),
    /// A message whose fields are the parent's in JSON (Go's `json:",inline"`).
    Inline(usize),
    /// `map<string, T>`.
    Map(&'static Ty),
    /// `meta/v1.Time`: RFC 3339 to the second.
    Time,
    /// `meta/v1.MicroTime`: RFC 3339 to the microsecond.
    MicroTime,
    /// `meta/v1.Duration`: Go's duration text.
    Duration,
    /// `IntOrString`: a number or a string.
    IntOrString,
    /// `resource.Quantity`: its text.
    Quantity,
    /// `runtime.RawExtension`, `FieldsV1`: embedded JSON.
    RawJson,
}

/// One field of a message.
#[derive(Debug)]
pub struct Field {
    /// The protobuf field number.
    pub tag: u32,
    /// The JSON name.
    pub json: &'static str,
    /// What it holds.
    pub ty: Ty,
    /// A list.
    pub repeated: bool,
}

/// One message.
#[derive(Debug)]
pub struct Message {
    /// Its name, for errors.
    pub name: &'static str,
    /// Its fields.
    pub fields: &'static [Field],
}

/// A kind a body may hold.
#[derive(Debug)]
pub struct Root {
    /// `apps/v1`…
    pub api_version: &'static str,
    /// `Deployment`…
    pub kind: &'static str,
    /// Its message.
    pub message: usize,
}
