//! The parts of an ONNX model that cutting it needs: the protobuf field numbers of models,
//! graphs, nodes, attributes and tensors, reading a graph's nodes, and writing nodes and
//! values back. What to cut, and why, is [`super::graph_split`].

use super::protobuf::{Field, Writer, fields, ints};
use std::collections::HashMap;

pub(super) const MODEL_GRAPH: u32 = 7;
pub(super) const MODEL_OPSET: u32 = 8;
pub(super) const GRAPH_NODE: u32 = 1;
pub(super) const GRAPH_INITIALIZER: u32 = 5;
pub(super) const GRAPH_INPUT: u32 = 11;
pub(super) const GRAPH_OUTPUT: u32 = 12;
pub(super) const GRAPH_VALUE_INFO: u32 = 13;
pub(super) const NODE_INPUT: u32 = 1;
pub(super) const NODE_OUTPUT: u32 = 2;
pub(super) const NODE_NAME: u32 = 3;
pub(super) const NODE_OP: u32 = 4;
pub(super) const NODE_ATTRIBUTE: u32 = 5;
pub(super) const ATTR_NAME: u32 = 1;
pub(super) const ATTR_T: u32 = 5;
pub(super) const ATTR_G: u32 = 6;
pub(super) const ATTR_INTS: u32 = 8;
pub(super) const ATTR_GRAPHS: u32 = 11;
pub(super) const ATTR_TYPE: u32 = 20;
pub(super) const ATTR_TYPE_INTS: i64 = 7;
pub(super) const TENSOR_DIMS: u32 = 1;
pub(super) const TENSOR_DATA_TYPE: u32 = 2;
pub(super) const TENSOR_NAME: u32 = 8;
pub(super) const TENSOR_RAW: u32 = 9;
pub(super) const TENSOR_INT64: i64 = 7;
pub(super) const TENSOR_FLOAT: i64 = 1;

pub(super) struct Node<'a> {
    /// The node's message, as it was written.
    pub(super) body: &'a [u8],
    pub(super) fields: Vec<Field<'a>>,
    pub(super) name: &'a str,
    pub(super) op: &'a str,
    pub(super) inputs: Vec<&'a str>,
    pub(super) outputs: Vec<&'a str>,
    pub(super) attrs: Vec<Attr<'a>>,
}

pub(super) struct Attr<'a> {
    /// The attribute's message, as it was written.
    pub(super) body: &'a [u8],
    pub(super) name: &'a str,
    pub(super) ints: Vec<i64>,
    /// A tensor value (Constant's `value`): its dims.
    pub(super) tensor_dims: Option<Vec<i64>>,
    pub(super) has_graph: bool,
}

impl Node<'_> {
    pub(super) fn attr(&self, name: &str) -> Option<&Attr<'_>> {
        self.attrs.iter().find(|a| a.name == name)
    }
    pub(super) fn ints(&self, name: &str) -> Option<Vec<i64>> {
        self.attr(name).map(|a| a.ints.clone())
    }
}

pub(super) struct Tensor<'a> {
    pub(super) fields: Vec<Field<'a>>,
    pub(super) raw: &'a [u8],
    pub(super) dims: Vec<i64>,
}

pub(super) fn strings<'a>(fields: &[Field<'a>], number: u32) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|f| f.number == number)
        .map(|f| f.string().unwrap_or(""))
        .collect()
}

pub(super) fn string<'a>(fields: &[Field<'a>], number: u32) -> &'a str {
    strings(fields, number).first().copied().unwrap_or("")
}

pub(super) fn parse_node(bytes: &[u8]) -> Result<Node<'_>, String> {
    let fields = fields(bytes)?;
    let mut attrs = Vec::new();
    for f in fields.iter().filter(|f| f.number == NODE_ATTRIBUTE) {
        let inner = super::protobuf::fields(f.bytes().unwrap_or_default())?;
        let tensor_dims = match inner.iter().find(|a| a.number == ATTR_T) {
            Some(t) => Some(ints(
                &super::protobuf::fields(t.bytes().unwrap_or_default())?,
                TENSOR_DIMS,
            )?),
            None => None,
        };
        attrs.push(Attr {
            body: f.bytes().unwrap_or_default(),
            name: string(&inner, ATTR_NAME),
            ints: ints(&inner, ATTR_INTS)?,
            tensor_dims,
            has_graph: inner
                .iter()
                .any(|a| a.number == ATTR_G || a.number == ATTR_GRAPHS),
        });
    }
    Ok(Node {
        body: bytes,
        name: string(&fields, NODE_NAME),
        op: string(&fields, NODE_OP),
        inputs: strings(&fields, NODE_INPUT),
        outputs: strings(&fields, NODE_OUTPUT),
        attrs,
        fields,
    })
}

pub(super) struct Graph<'a> {
    /// Fields other than nodes, initializers, inputs, outputs and shape notes: kept as they are.
    pub(super) other: Vec<&'a [u8]>,
    pub(super) nodes: Vec<Node<'a>>,
    pub(super) initializers: HashMap<&'a str, Tensor<'a>>,
    /// Names and `ValueInfoProto` bodies.
    pub(super) inputs: Vec<(&'a str, &'a [u8])>,
    pub(super) outputs: Vec<(&'a str, &'a [u8])>,
}

pub(super) fn parse_graph(bytes: &[u8]) -> Result<Graph<'_>, String> {
    let mut graph = Graph {
        other: Vec::new(),
        nodes: Vec::new(),
        initializers: HashMap::new(),
        inputs: Vec::new(),
        outputs: Vec::new(),
    };
    for f in fields(bytes)? {
        let body = f.bytes().unwrap_or_default();
        match f.number {
            GRAPH_NODE => graph.nodes.push(parse_node(body)?),
            GRAPH_INITIALIZER => {
                let tf = fields(body)?;
                let name = string(&tf, TENSOR_NAME);
                let dims = ints(&tf, TENSOR_DIMS)?;
                graph.initializers.insert(
                    name,
                    Tensor {
                        fields: tf,
                        raw: f.raw,
                        dims,
                    },
                );
            }
            GRAPH_INPUT | GRAPH_OUTPUT => {
                let name = string(&fields(body)?, 1);
                let list = if f.number == GRAPH_INPUT {
                    &mut graph.inputs
                } else {
                    &mut graph.outputs
                };
                list.push((name, body));
            }
            // Shape notes for inner tensors: ONNX Runtime works them out again, and the
            // decoder's would be wrong once its convolutions are two-dimensional.
            GRAPH_VALUE_INFO => {}
            _ => graph.other.push(f.raw),
        }
    }
    Ok(graph)
}

pub(super) fn write_node(
    node: &Node<'_>,
    rename: &dyn Fn(&str) -> String,
    attrs: Option<Vec<Vec<u8>>>,
) -> Vec<u8> {
    let mut w = Writer::new();
    for f in &node.fields {
        match f.number {
            NODE_INPUT | NODE_OUTPUT => {
                w.bytes(f.number, rename(f.string().unwrap_or("")).as_bytes());
            }
            NODE_ATTRIBUTE if attrs.is_some() => {}
            _ => {
                w.raw(f.raw);
            }
        }
    }
    for a in attrs.into_iter().flatten() {
        w.bytes(NODE_ATTRIBUTE, &a);
    }
    w.finish()
}

pub(super) fn ints_attribute(name: &str, values: &[i64]) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(ATTR_NAME, name.as_bytes());
    for &v in values {
        w.int(ATTR_INTS, v);
    }
    w.int(ATTR_TYPE, ATTR_TYPE_INTS);
    w.finish()
}

pub(super) fn simple_node(
    op: &str,
    name: &str,
    inputs: &[&str],
    output: &str,
    attrs: &[Vec<u8>],
) -> Vec<u8> {
    let mut w = Writer::new();
    for i in inputs {
        w.bytes(NODE_INPUT, i.as_bytes());
    }
    w.bytes(NODE_OUTPUT, output.as_bytes())
        .bytes(NODE_NAME, name.as_bytes())
        .bytes(NODE_OP, op.as_bytes());
    for a in attrs {
        w.bytes(NODE_ATTRIBUTE, a);
    }
    w.finish()
}

/// A float tensor of unknown shape named `name`, as a graph input or output.
pub(super) fn float_value(name: &str) -> Vec<u8> {
    let mut tensor_type = Writer::new();
    tensor_type.int(1, TENSOR_FLOAT);
    let mut type_proto = Writer::new();
    type_proto.bytes(1, &tensor_type.finish());
    let mut w = Writer::new();
    w.bytes(1, name.as_bytes()).bytes(2, &type_proto.finish());
    w.finish()
}
