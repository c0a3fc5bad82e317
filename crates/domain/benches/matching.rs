//! Matcher lookup cost with 100 and 10,000 mocks (a mix of exact, template
//! and regex paths), for exact and template request paths.

use std::sync::Arc;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use domain::mock::{MatchMethod, MockId};
use domain::{IncomingRequest, MockDefinition, MockIndex, PathPattern};

fn mock(i: usize, path: &str) -> Arc<MockDefinition> {
    let id = MockId::parse(&format!("m{i}")).unwrap_or_else(|e| panic!("{e}"));
    let path = PathPattern::parse(path).unwrap_or_else(|e| panic!("{e}"));
    Arc::new(MockDefinition::new(
        id,
        "bench",
        MatchMethod::Exact("GET".into()),
        path,
    ))
}

/// `n` mocks: 80 % exact, 15 % template, 5 % regex, like a large team setup.
fn index_of(n: usize) -> MockIndex {
    let mocks = (0..n).map(|i| match i % 20 {
        0 => mock(i, &format!("^/regex/{i}/[0-9]+$")),
        1..=3 => mock(i, &format!("/svc{i}/users/{{id}}/orders")),
        _ => mock(i, &format!("/api/items/{i}")),
    });
    MockIndex::build(mocks)
}

fn get(path: &str) -> IncomingRequest {
    IncomingRequest::new(
        "GET",
        path,
        vec![],
        vec![("accept".into(), "*/*".into())],
        vec![],
        "127.0.0.1",
    )
}

fn lookups(c: &mut Criterion) {
    let mut group = c.benchmark_group("match");
    for n in [100usize, 10_000] {
        let index = index_of(n);
        let exact = get(&format!("/api/items/{}", n - 2));
        let template = get(&format!("/svc{}/users/42/orders", n - 19));
        assert!(index.find(&exact).is_some() && index.find(&template).is_some());
        group.bench_with_input(BenchmarkId::new("exact", n), &exact, |b, req| {
            b.iter(|| black_box(index.find(black_box(req))))
        });
        group.bench_with_input(BenchmarkId::new("template", n), &template, |b, req| {
            b.iter(|| black_box(index.find(black_box(req))))
        });
    }
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
