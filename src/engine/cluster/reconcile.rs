//! Creates and deletes whose answer may have been lost. The retry layer does not repeat them
//! after a failure that leaves the outcome unknown (500, 502, 504, a broken connection): here
//! they are repeated, and the outcome reconciled.
//!
//! - A create answered `AlreadyExists` after a lost answer is ours when the object did not
//!   exist before our first attempt (asked just before it): success. An object that was there
//!   before stays an `AlreadyExists` error, as without faults.
//! - A delete answered `NotFound` after a lost answer was ours: success. Deletes carry the
//!   object's uid as a precondition, so a repeat never deletes a replacement a controller made
//!   meanwhile (its `Conflict` then also means ours is gone).

use kube::api::{Api, DeleteParams, DynamicObject, PostParams, Preconditions};

use super::retry::{self, Failure};

/// How a create ended.
#[derive(Debug)]
pub enum Created {
    /// Created; the answer came.
    Now(Box<DynamicObject>),
    /// Created by an attempt whose answer was lost: found afterwards.
    AnswerLost(Box<DynamicObject>),
}

/// How a delete ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Deleted; the answer came.
    Now,
    /// Deleted by an attempt whose answer was lost.
    AnswerLost,
}

/// Repeats `op` while it fails with an outcome worth another attempt, within the budget of the
/// current scope; `settled` turns an error after an unknown outcome into a success.
async fn repeat<T>(
    mut op: impl AsyncFnMut() -> Result<T, kube::Error>,
    mut settled: impl AsyncFnMut(&kube::Error) -> Option<Result<T, kube::Error>>,
) -> Result<T, kube::Error> {
    let mut unknown = false;
    let mut backoff = retry::backoff();
    loop {
        let e = match op().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        if unknown && let Some(outcome) = settled(&e).await {
            return outcome;
        }
        let Some(failure) = retry::failure_of(&e) else {
            return Err(e);
        };
        let delay = backoff.next().unwrap_or(retry::MAX_DELAY).min(retry::MAX_DELAY);
        if std::time::Instant::now() + delay >= retry::deadline() {
            return Err(e);
        }
        unknown |= !matches!(
            failure,
            Failure::Status { code: 429 | 503, .. } | Failure::Unreachable(_)
        );
        tracing::debug!(failure = %failure.what(), ?delay, "repeating a create or delete");
        tokio::time::sleep(delay).await;
    }
}

/// Creates `obj` (which has a name) through `api`, reconciling a lost answer.
pub async fn create(api: &Api<DynamicObject>, obj: &DynamicObject) -> Result<Created, kube::Error> {
    let Some(name) = obj.metadata.name.clone() else {
        // generateName: a repeat would make a second object; nothing to reconcile by name.
        return api
            .create(&PostParams::default(), obj)
            .await
            .map(|o| Created::Now(Box::new(o)));
    };
    let existed = api.get_opt(&name).await?.is_some();
    repeat(
        async || {
            api.create(&PostParams::default(), obj)
                .await
                .map(|o| Created::Now(Box::new(o)))
        },
        async |e| match e {
            kube::Error::Api(s) if s.code == 409 && s.reason == "AlreadyExists" && !existed => {
                Some(api.get(&name).await.map(|o| Created::AnswerLost(Box::new(o))))
            }
            _ => None,
        },
    )
    .await
}

/// Deletes `name` (in the background, like kubectl), only while its uid is `uid`, reconciling a
/// lost answer.
pub async fn delete(api: &Api<DynamicObject>, name: &str, uid: Option<&str>) -> Result<Deleted, kube::Error> {
    let mut params = DeleteParams::background();
    if let Some(uid) = uid {
        params = params.preconditions(Preconditions {
            uid: Some(uid.to_owned()),
            resource_version: None,
        });
    }
    repeat(
        async || api.delete(name, &params).await.map(|_| Deleted::Now),
        async |e| match e {
            kube::Error::Api(s) if s.code == 404 => Some(Ok(Deleted::AnswerLost)),
            kube::Error::Api(s) if s.code == 409 && uid.is_some() => Some(Ok(Deleted::AnswerLost)),
            _ => None,
        },
    )
    .await
}
