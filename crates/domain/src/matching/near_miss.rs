use super::checks::check_all;
use super::{CriterionCheck, IncomingRequest, Mismatch};
use crate::MockDefinition;

/// A mock that almost matched an unmatched request: the first reason it did
/// not (the established sentence) and every criterion checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub mock_id: String,
    pub mock_name: String,
    pub reason: String,
    pub checks: Vec<CriterionCheck>,
}

impl NearMiss {
    pub(crate) fn explain(
        mock: &MockDefinition,
        why: &Mismatch<'_>,
        req: &IncomingRequest,
    ) -> Self {
        Self {
            mock_id: mock.id.to_string(),
            mock_name: mock.name.clone(),
            reason: why.describe(req),
            checks: check_all(mock, req),
        }
    }
}

/// How close a mock came: same path and method first, then same path, then
/// the path sharing the longest prefix with the request. `None` if it matches.
pub(crate) fn closeness<'a>(
    mock: &'a MockDefinition,
    req: &IncomingRequest,
) -> Option<(u8, usize, Mismatch<'a>)> {
    let criteria = &mock.criteria;
    let path_ok = criteria.path.matches(&req.path).is_some();
    let method_ok = criteria.method.accepts(&req.method);
    match (path_ok, method_ok) {
        (true, true) => criteria.check_rest(req).err().map(|m| (0, 0, m)),
        (true, false) => Some((1, 0, Mismatch::Method(criteria.method.as_str()))),
        (false, _) => {
            let source = criteria.path.source();
            let shared = source
                .bytes()
                .zip(req.path.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            Some((2, usize::MAX - shared, Mismatch::Path(source)))
        }
    }
}
