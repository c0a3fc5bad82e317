//! The upstream HTTP client (SPEC §8) behind the domain's [`Upstream`] port.
//!
//! [`Upstream`]: domain::upstream::Upstream

mod classify;
mod client;

pub use client::ReqwestUpstream;

#[cfg(test)]
mod tests;
