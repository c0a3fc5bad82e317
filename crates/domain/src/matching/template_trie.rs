use std::collections::HashMap;

use super::path_pattern::{PathTemplate, Segment};

/// Segment trie over template paths, so a lookup visits only templates whose
/// literal segments fit the request path instead of every template mock.
#[derive(Debug, Default)]
pub struct TemplateTrie {
    root: Node,
    len: usize,
}

#[derive(Debug, Default)]
struct Node {
    literal: HashMap<String, Node>,
    param: Option<Box<Node>>,
    terminal: Vec<u32>,
    catch_all: Vec<u32>,
}

impl TemplateTrie {
    pub fn insert(&mut self, template: &PathTemplate, rank: u32) {
        let mut node = &mut self.root;
        for segment in &template.segments {
            node = match segment {
                Segment::Literal(l) => node.literal.entry(l.clone()).or_default(),
                Segment::Param(_) => node.param.get_or_insert_with(Box::default),
            };
        }
        if template.rest.is_some() {
            node.catch_all.push(rank);
        } else {
            node.terminal.push(rank);
        }
        self.len += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Calls `visit` with the rank of every template that may match `path`;
    /// the caller still checks each candidate in full.
    pub fn candidates(&self, path: &str, visit: &mut impl FnMut(u32)) {
        let Some(trimmed) = path.strip_prefix('/') else {
            return;
        };
        let segments: Vec<&str> = trimmed.split('/').collect();
        self.root.visit(&segments, visit);
    }
}

impl Node {
    fn visit(&self, segments: &[&str], visit: &mut impl FnMut(u32)) {
        self.catch_all.iter().for_each(|r| visit(*r));
        let Some((first, rest)) = segments.split_first() else {
            self.terminal.iter().for_each(|r| visit(*r));
            return;
        };
        if let Some(child) = self.literal.get(*first) {
            child.visit(rest, visit);
        }
        if let (Some(child), false) = (&self.param, first.is_empty()) {
            child.visit(rest, visit);
        }
    }
}
