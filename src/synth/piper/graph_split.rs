//! Cuts a Piper model in two at its decoder, so that the decoder can run on pieces of a
//! sentence on several cores at once (see `decode`).
//!
//! A Piper voice is a VITS model: an encoder (text encoder, duration predictor, flow) turns
//! phoneme ids into a latent of one column per audio frame, and a HiFi-GAN decoder (the
//! `/dec/` nodes of the export) turns that latent into samples. The decoder is most of the
//! work, and it only looks a few frames to each side of the sample it computes, so a piece of
//! the latent with that many frames of context on each side gives exactly the samples the whole
//! latent would. This module finds the tensor between the two halves, writes each half as a
//! model of its own, and works out from the decoder's convolutions how many frames of context a
//! piece needs and how many samples a frame makes.
//!
//! The decoder's one-dimensional convolutions are also written as two-dimensional ones over a
//! single row: ONNX Runtime has faster kernels for those (measured ~15% on one thread).
//!
//! Anything unexpected (no `/dec/` nodes, more than one tensor between the halves, an operator
//! whose reach is not known here) is an error, and the voice runs as one whole model instead.

use super::decode::Shape;
use super::protobuf::{Field, Writer, fields, ints};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A model cut at its decoder.
#[derive(Debug, Clone)]
pub struct Split {
    /// The encoder: the model's inputs → the latent.
    pub encoder: Vec<u8>,
    /// The decoder: the latent → the model's output.
    pub decoder: Vec<u8>,
    /// The latent the decoder reads: its name, samples per frame, frames of context.
    pub shape: Shape,
}

// Field numbers of the ONNX messages used here (onnx.proto).
const MODEL_GRAPH: u32 = 7;
const MODEL_OPSET: u32 = 8;
const GRAPH_NODE: u32 = 1;
const GRAPH_INITIALIZER: u32 = 5;
const GRAPH_INPUT: u32 = 11;
const GRAPH_OUTPUT: u32 = 12;
const GRAPH_VALUE_INFO: u32 = 13;
const NODE_INPUT: u32 = 1;
const NODE_OUTPUT: u32 = 2;
const NODE_NAME: u32 = 3;
const NODE_OP: u32 = 4;
const NODE_ATTRIBUTE: u32 = 5;
const ATTR_NAME: u32 = 1;
const ATTR_T: u32 = 5;
const ATTR_G: u32 = 6;
const ATTR_INTS: u32 = 8;
const ATTR_GRAPHS: u32 = 11;
const ATTR_TYPE: u32 = 20;
const ATTR_TYPE_INTS: i64 = 7;
const TENSOR_DIMS: u32 = 1;
const TENSOR_DATA_TYPE: u32 = 2;
const TENSOR_NAME: u32 = 8;
const TENSOR_RAW: u32 = 9;
const TENSOR_INT64: i64 = 7;
const TENSOR_FLOAT: i64 = 1;

/// Operators that work sample by sample: they keep the rate and reach of their inputs.
const POINTWISE: &[&str] = &[
    "Add",
    "Sub",
    "Mul",
    "Div",
    "LeakyRelu",
    "Relu",
    "Tanh",
    "Sigmoid",
    "Neg",
    "Exp",
    "Clip",
];
/// Operators that add or drop a size-1 axis, leaving positions along time as they are.
const RESHAPING: &[&str] = &["Unsqueeze", "Squeeze"];

struct Node<'a> {
    /// The node's message, as it was written.
    body: &'a [u8],
    fields: Vec<Field<'a>>,
    name: &'a str,
    op: &'a str,
    inputs: Vec<&'a str>,
    outputs: Vec<&'a str>,
    attrs: Vec<Attr<'a>>,
}

struct Attr<'a> {
    /// The attribute's message, as it was written.
    body: &'a [u8],
    name: &'a str,
    ints: Vec<i64>,
    /// A tensor value (Constant's `value`): its dims.
    tensor_dims: Option<Vec<i64>>,
    has_graph: bool,
}

impl Node<'_> {
    fn attr(&self, name: &str) -> Option<&Attr<'_>> {
        self.attrs.iter().find(|a| a.name == name)
    }
    fn ints(&self, name: &str) -> Option<Vec<i64>> {
        self.attr(name).map(|a| a.ints.clone())
    }
}

struct Tensor<'a> {
    fields: Vec<Field<'a>>,
    raw: &'a [u8],
    dims: Vec<i64>,
}

fn strings<'a>(fields: &[Field<'a>], number: u32) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|f| f.number == number)
        .map(|f| f.string().unwrap_or(""))
        .collect()
}

fn string<'a>(fields: &[Field<'a>], number: u32) -> &'a str {
    strings(fields, number).first().copied().unwrap_or("")
}

fn parse_node(bytes: &[u8]) -> Result<Node<'_>, String> {
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

struct Graph<'a> {
    /// Fields other than nodes, initializers, inputs, outputs and shape notes: kept as they are.
    other: Vec<&'a [u8]>,
    nodes: Vec<Node<'a>>,
    initializers: HashMap<&'a str, Tensor<'a>>,
    /// Names and `ValueInfoProto` bodies.
    inputs: Vec<(&'a str, &'a [u8])>,
    outputs: Vec<(&'a str, &'a [u8])>,
}

fn parse_graph(bytes: &[u8]) -> Result<Graph<'_>, String> {
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

/// The nodes needed to compute `targets`, not looking past `stop`; and the graph inputs
/// reached on the way.
fn needed<'a>(
    graph: &Graph<'a>,
    targets: &[&'a str],
    stop: &str,
) -> (BTreeSet<usize>, Vec<&'a str>) {
    let producer: HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.outputs.iter().map(move |o| (*o, i)))
        .collect();
    let mut seen = HashSet::new();
    let mut nodes = BTreeSet::new();
    let mut reached = Vec::new();
    let mut stack: Vec<&str> = targets.to_vec();
    while let Some(t) = stack.pop() {
        if t.is_empty() || t == stop || !seen.insert(t) || graph.initializers.contains_key(t) {
            continue;
        }
        match producer.get(t) {
            Some(&i) => {
                if nodes.insert(i) {
                    stack.extend(graph.nodes[i].inputs.iter().copied());
                }
            }
            None => reached.push(t),
        }
    }
    (nodes, reached)
}

/// Samples per frame and frames of context of the decoder `nodes`, from its convolutions.
///
/// Each tensor that depends on the latent is followed as (positions per latent frame, frames
/// of latent to each side that a position depends on).
fn reach_of(
    graph: &Graph<'_>,
    nodes: &BTreeSet<usize>,
    latent: &str,
) -> Result<(usize, usize), String> {
    let mut reach: HashMap<&str, (f64, f64)> = HashMap::from([(latent, (1.0, 0.0))]);
    for &i in nodes {
        let node = &graph.nodes[i];
        let timed: Vec<(f64, f64)> = node
            .inputs
            .iter()
            .filter_map(|t| reach.get(t).copied())
            .collect();
        let Some(&(rate, frames)) = timed.first() else {
            continue;
        };
        let out = match node.op {
            "Conv" | "ConvTranspose" => {
                if node
                    .attr("auto_pad")
                    .is_some_and(|a| !a.body.ends_with(b"NOTSET"))
                {
                    return Err(format!("{} pads automatically", node.name));
                }
                let weight = graph
                    .initializers
                    .get(node.inputs.get(1).copied().unwrap_or(""))
                    .filter(|w| w.dims.len() == 3)
                    .ok_or_else(|| format!("{} has no one-dimensional weight", node.name))?;
                let k = node
                    .ints("kernel_shape")
                    .and_then(|v| v.first().copied())
                    .unwrap_or(weight.dims[2]) as f64;
                let d = node
                    .ints("dilations")
                    .and_then(|v| v.first().copied())
                    .unwrap_or(1) as f64;
                let s = node
                    .ints("strides")
                    .and_then(|v| v.first().copied())
                    .unwrap_or(1) as f64;
                let pad = node
                    .ints("pads")
                    .and_then(|v| v.first().copied())
                    .unwrap_or(0) as f64;
                let span = (k - 1.0) * d;
                if node.op == "Conv" {
                    // Output t reads inputs t*s - pad ..= t*s - pad + span.
                    (rate / s, frames + pad.max(span - pad) / rate)
                } else {
                    // Output t gathers the inputs i with i*s - pad + j*d = t, j < k.
                    let positions = (pad.max(span - pad) / s).ceil() + 1.0;
                    (rate * s, frames + positions / rate)
                }
            }
            op if POINTWISE.contains(&op) || RESHAPING.contains(&op) => {
                if timed.iter().any(|(r, _)| (r - rate).abs() > 1e-9) {
                    return Err(format!("{} mixes tensors of different rates", node.name));
                }
                (rate, timed.iter().map(|t| t.1).fold(0.0, f64::max))
            }
            op => {
                return Err(format!(
                    "the decoder has a {op} node ({}), whose reach hark does not know",
                    node.name
                ));
            }
        };
        for o in &node.outputs {
            reach.insert(o, out);
        }
    }
    let output = graph.outputs.first().map(|o| o.0).unwrap_or("");
    let &(rate, frames) = reach
        .get(output)
        .ok_or("the model's output does not depend on the latent")?;
    if rate < 1.0 || (rate - rate.round()).abs() > 1e-9 {
        return Err(format!("the decoder makes {rate} samples per frame"));
    }
    Ok((rate.round() as usize, frames.ceil() as usize))
}

fn write_node(
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

fn ints_attribute(name: &str, values: &[i64]) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(ATTR_NAME, name.as_bytes());
    for &v in values {
        w.int(ATTR_INTS, v);
    }
    w.int(ATTR_TYPE, ATTR_TYPE_INTS);
    w.finish()
}

fn simple_node(op: &str, name: &str, inputs: &[&str], output: &str, attrs: &[Vec<u8>]) -> Vec<u8> {
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
fn float_value(name: &str) -> Vec<u8> {
    let mut tensor_type = Writer::new();
    tensor_type.int(1, TENSOR_FLOAT);
    let mut type_proto = Writer::new();
    type_proto.bytes(1, &tensor_type.finish());
    let mut w = Writer::new();
    w.bytes(1, name.as_bytes()).bytes(2, &type_proto.finish());
    w.finish()
}

const AXES: &str = "hark/axes_2";
const TWO_D: &str = "/hark_2d";

/// Changes to a graph as it is written out (`write_model`).
#[derive(Default)]
struct Edits {
    /// Nodes written differently, by index.
    nodes: HashMap<usize, Vec<u8>>,
    /// Nodes added after a node (by index), or first (`None`).
    added: Vec<(Option<usize>, Vec<u8>)>,
    /// Initializer fields written instead of the model's, or added, by name.
    initializers: HashMap<String, Vec<u8>>,
}

/// Rewrites the decoder's one-dimensional convolutions as two-dimensional ones over one row.
/// `None` where the decoder is not made only of convolutions and pointwise operators with
/// scalar constants, which is all this knows how to lift.
fn two_dimensional(
    graph: &Graph<'_>,
    decoder: &BTreeSet<usize>,
    latent: &str,
    opset: i64,
) -> Option<Edits> {
    let region: BTreeSet<usize> = decoder
        .iter()
        .copied()
        .filter(|&i| graph.nodes[i].name.starts_with("/dec/"))
        .collect();
    let produced: HashSet<&str> = region
        .iter()
        .flat_map(|&i| graph.nodes[i].outputs.iter().copied())
        .collect();
    let constant_dims: HashMap<&str, Vec<i64>> = graph
        .nodes
        .iter()
        .filter(|n| n.op == "Constant")
        .filter_map(|n| Some((*n.outputs.first()?, n.attr("value")?.tensor_dims.clone()?)))
        .collect();
    let scalar = |dims: &Vec<i64>| dims.len() <= 1 && dims.iter().product::<i64>() <= 1;
    let mut weights = HashSet::new();
    for &i in &region {
        let node = &graph.nodes[i];
        match node.op {
            "Conv" | "ConvTranspose" => {
                let w = node.inputs.get(1)?;
                (graph.initializers.get(w)?.dims.len() == 3).then_some(())?;
                weights.insert(*w);
            }
            "Constant" => {}
            op if POINTWISE.contains(&op) => {
                for input in &node.inputs {
                    if *input == latent || produced.contains(input) {
                        continue;
                    }
                    let dims = graph
                        .initializers
                        .get(input)
                        .map(|t| &t.dims)
                        .or(constant_dims.get(input))?;
                    scalar(dims).then_some(())?;
                }
            }
            _ => return None,
        }
    }
    // A weight used outside the region would see its new shape there too.
    for (i, node) in graph.nodes.iter().enumerate() {
        if !region.contains(&i) && node.inputs.iter().any(|t| weights.contains(t)) {
            return None;
        }
    }
    // Tensors of the region that nodes outside it (or the model's output) read.
    let outputs: HashSet<&str> = graph.outputs.iter().map(|o| o.0).collect();
    let escaping: HashSet<&str> = produced
        .iter()
        .copied()
        .filter(|t| {
            outputs.contains(t)
                || decoder
                    .iter()
                    .any(|&i| !region.contains(&i) && graph.nodes[i].inputs.contains(t))
        })
        .collect();
    let rename = |t: &str| -> String {
        if t == latent || escaping.contains(t) {
            format!("{t}{TWO_D}")
        } else {
            t.to_string()
        }
    };
    let axes_attr = || {
        (opset < 13)
            .then(|| ints_attribute("axes", &[2]))
            .into_iter()
            .collect::<Vec<_>>()
    };
    let axes_inputs = |t: &str| -> Vec<String> {
        if opset < 13 {
            vec![t.to_string()]
        } else {
            vec![t.to_string(), AXES.to_string()]
        }
    };
    let mut nodes = HashMap::new();
    let mut added = Vec::new();
    let unsqueeze_in = axes_inputs(latent);
    let unsqueeze_in: Vec<&str> = unsqueeze_in.iter().map(String::as_str).collect();
    added.push((
        None,
        simple_node(
            "Unsqueeze",
            "hark/unsqueeze_latent",
            &unsqueeze_in,
            &rename(latent),
            &axes_attr(),
        ),
    ));
    for &i in &region {
        let node = &graph.nodes[i];
        let attrs = matches!(node.op, "Conv" | "ConvTranspose").then(|| {
            node.attrs
                .iter()
                .map(|a| match a.name {
                    "kernel_shape" | "strides" | "dilations" | "output_shape" => {
                        ints_attribute(a.name, &[&[1], a.ints.as_slice()].concat())
                    }
                    "output_padding" => ints_attribute(a.name, &[&[0], a.ints.as_slice()].concat()),
                    "pads" if a.ints.len() == 2 => {
                        ints_attribute(a.name, &[0, a.ints[0], 0, a.ints[1]])
                    }
                    _ => a.body.to_vec(),
                })
                .collect()
        });
        nodes.insert(i, write_node(node, &rename, attrs));
        for o in node.outputs.iter().filter(|o| escaping.contains(*o)) {
            let from = rename(o);
            let inputs = axes_inputs(&from);
            let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
            added.push((
                Some(i),
                simple_node(
                    "Squeeze",
                    &format!("hark/squeeze{i}"),
                    &inputs,
                    o,
                    &axes_attr(),
                ),
            ));
        }
    }
    let mut initializers = HashMap::new();
    for w in weights {
        let t = &graph.initializers[w];
        let mut out = Writer::new();
        out.int(TENSOR_DIMS, t.dims[0])
            .int(TENSOR_DIMS, t.dims[1])
            .int(TENSOR_DIMS, 1)
            .int(TENSOR_DIMS, t.dims[2]);
        for f in t.fields.iter().filter(|f| f.number != TENSOR_DIMS) {
            out.raw(f.raw);
        }
        let mut field = Writer::new();
        field.bytes(GRAPH_INITIALIZER, &out.finish());
        initializers.insert(w.to_string(), field.finish());
    }
    if opset >= 13 {
        let mut axes = Writer::new();
        axes.int(TENSOR_DIMS, 1)
            .int(TENSOR_DATA_TYPE, TENSOR_INT64)
            .bytes(TENSOR_NAME, AXES.as_bytes())
            .bytes(TENSOR_RAW, &2i64.to_le_bytes());
        let mut field = Writer::new();
        field.bytes(GRAPH_INITIALIZER, &axes.finish());
        initializers.insert(AXES.to_string(), field.finish());
    }
    Some(Edits {
        nodes,
        added,
        initializers,
    })
}

/// The graph's ends in a half: `ValueInfoProto` bodies.
struct Ends {
    inputs: Vec<Vec<u8>>,
    outputs: Vec<Vec<u8>>,
}

/// One half of the model: the given nodes (with the edits), the initializers they read, and
/// the given inputs and outputs.
fn write_model(
    model: &[Field<'_>],
    graph: &Graph<'_>,
    nodes: &BTreeSet<usize>,
    edits: &Edits,
    ends: &Ends,
) -> Vec<u8> {
    let mut g = Writer::new();
    for raw in &graph.other {
        g.raw(raw);
    }
    let added_after = |at: Option<usize>| {
        edits
            .added
            .iter()
            .filter(move |(after, _)| *after == at)
            .map(|(_, bytes)| bytes)
    };
    for bytes in added_after(None) {
        g.bytes(GRAPH_NODE, bytes);
    }
    let mut read: BTreeSet<&str> = BTreeSet::new();
    for &i in nodes {
        let node = &graph.nodes[i];
        read.extend(node.inputs.iter().copied());
        g.bytes(
            GRAPH_NODE,
            edits.nodes.get(&i).map_or(node.body, Vec::as_slice),
        );
        for bytes in added_after(Some(i)) {
            g.bytes(GRAPH_NODE, bytes);
        }
    }
    for name in read.iter().filter(|n| graph.initializers.contains_key(*n)) {
        match edits.initializers.get(*name) {
            Some(bytes) => g.raw(bytes),
            None => g.raw(graph.initializers[name].raw),
        };
    }
    for (name, bytes) in &edits.initializers {
        if !graph.initializers.contains_key(name.as_str()) {
            g.raw(bytes);
        }
    }
    for i in &ends.inputs {
        g.bytes(GRAPH_INPUT, i);
    }
    for o in &ends.outputs {
        g.bytes(GRAPH_OUTPUT, o);
    }
    let mut m = Writer::new();
    for f in model {
        if f.number == MODEL_GRAPH {
            m.bytes(MODEL_GRAPH, &g.finish());
        } else {
            m.raw(f.raw);
        }
    }
    m.finish()
}

/// Cuts `model` (the bytes of a Piper `.onnx`) at its decoder.
pub fn split(model: &[u8]) -> Result<Split, String> {
    let top = fields(model)?;
    let graph_bytes = top
        .iter()
        .find(|f| f.number == MODEL_GRAPH)
        .and_then(|f| f.bytes())
        .ok_or("the model has no graph")?;
    let mut opset = 0;
    for f in top.iter().filter(|f| f.number == MODEL_OPSET) {
        let id = fields(f.bytes().unwrap_or_default())?;
        if string(&id, 1).is_empty() {
            opset = ints(&id, 2)?.first().copied().unwrap_or(0);
        }
    }
    let graph = parse_graph(graph_bytes)?;
    if graph
        .nodes
        .iter()
        .any(|n| n.attrs.iter().any(|a| a.has_graph))
    {
        return Err("the model has subgraphs".into());
    }
    let decoder_nodes: Vec<&Node<'_>> = graph
        .nodes
        .iter()
        .filter(|n| n.name.starts_with("/dec/"))
        .collect();
    if decoder_nodes.is_empty() {
        return Err("the model has no /dec/ nodes".into());
    }
    // The latent: what the decoder reads that is neither its own work nor a constant.
    let inside: HashSet<&str> = decoder_nodes
        .iter()
        .flat_map(|n| n.outputs.iter().copied())
        .collect();
    let constants: HashSet<&str> = graph
        .nodes
        .iter()
        .filter(|n| n.op == "Constant")
        .flat_map(|n| n.outputs.iter().copied())
        .collect();
    let crossing: BTreeSet<&str> = decoder_nodes
        .iter()
        .flat_map(|n| n.inputs.iter().copied())
        .filter(|t| {
            !t.is_empty()
                && !inside.contains(t)
                && !constants.contains(t)
                && !graph.initializers.contains_key(t)
        })
        .collect();
    let [latent] = crossing.iter().copied().collect::<Vec<_>>()[..] else {
        return Err(format!(
            "{} tensors pass into the decoder ({crossing:?})",
            crossing.len()
        ));
    };
    let outputs: Vec<&str> = graph.outputs.iter().map(|o| o.0).collect();
    let (decoder, reached) = needed(&graph, &outputs, latent);
    if !reached.is_empty() {
        return Err(format!("the decoder also reads {reached:?}"));
    }
    let (encoder, _) = needed(&graph, &[latent], "");
    let (hop, context) = reach_of(&graph, &decoder, latent)?;
    let edits = two_dimensional(&graph, &decoder, latent, opset).unwrap_or_default();
    let encoder_model = write_model(
        &top,
        &graph,
        &encoder,
        &Edits::default(),
        &Ends {
            inputs: graph.inputs.iter().map(|i| i.1.to_vec()).collect(),
            outputs: vec![float_value(latent)],
        },
    );
    let decoder_model = write_model(
        &top,
        &graph,
        &decoder,
        &edits,
        &Ends {
            inputs: vec![float_value(latent)],
            outputs: graph.outputs.iter().map(|o| o.1.to_vec()).collect(),
        },
    );
    Ok(Split {
        encoder: encoder_model,
        decoder: decoder_model,
        shape: Shape {
            latent: latent.to_string(),
            hop,
            context,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initializer(name: &str, dims: &[i64]) -> Vec<u8> {
        let mut t = Writer::new();
        for &d in dims {
            t.int(TENSOR_DIMS, d);
        }
        let count: i64 = dims.iter().product();
        t.int(TENSOR_DATA_TYPE, TENSOR_FLOAT)
            .bytes(TENSOR_NAME, name.as_bytes())
            .bytes(TENSOR_RAW, &vec![0u8; count as usize * 4]);
        t.finish()
    }

    /// input → /enc/Mul → latent → conv (k7) → transposed conv (x8) → leaky relu → dilated
    /// conv (k3, d5) → divide by a scalar → tanh → unsqueeze → output.
    fn model(decoder_op: &str, second_crossing: bool) -> Vec<u8> {
        let mut g = Writer::new();
        let nodes = [
            simple_node("Mul", "/enc/Mul", &["input", "scale"], "latent", &[]),
            simple_node(
                "Conv",
                "/dec/conv_pre/Conv",
                &["latent", "w1", "b1"],
                "a",
                &[
                    ints_attribute("kernel_shape", &[7]),
                    ints_attribute("pads", &[3, 3]),
                ],
            ),
            simple_node(
                "ConvTranspose",
                "/dec/ups.0/ConvTranspose",
                &["a", "w2"],
                "b",
                &[
                    ints_attribute("kernel_shape", &[16]),
                    ints_attribute("strides", &[8]),
                    ints_attribute("pads", &[4, 4]),
                ],
            ),
            simple_node(decoder_op, "/dec/LeakyRelu", &["b"], "c", &[]),
            simple_node(
                "Conv",
                "/dec/conv/Conv",
                &["c", "w3"],
                "d",
                &[
                    ints_attribute("dilations", &[5]),
                    ints_attribute("pads", &[5, 5]),
                ],
            ),
            simple_node(
                "Div",
                "/dec/Div",
                &["d", if second_crossing { "input" } else { "two" }],
                "e",
                &[],
            ),
            simple_node("Tanh", "/dec/Tanh", &["e"], "f", &[]),
            simple_node("Unsqueeze", "/Unsqueeze", &["f", "axes1"], "output", &[]),
        ];
        for n in &nodes {
            g.bytes(GRAPH_NODE, n);
        }
        for (name, dims) in [
            ("scale", vec![]),
            ("w1", vec![4, 4, 7]),
            ("b1", vec![4]),
            ("w2", vec![4, 2, 16]),
            ("w3", vec![2, 2, 3]),
            ("two", vec![]),
        ] {
            g.bytes(GRAPH_INITIALIZER, &initializer(name, &dims));
        }
        let mut axes = Writer::new();
        axes.int(TENSOR_DIMS, 1)
            .int(TENSOR_DATA_TYPE, TENSOR_INT64)
            .bytes(TENSOR_NAME, b"axes1")
            .bytes(TENSOR_RAW, &1i64.to_le_bytes());
        g.bytes(GRAPH_INITIALIZER, &axes.finish());
        g.bytes(GRAPH_INPUT, &float_value("input"))
            .bytes(GRAPH_OUTPUT, &float_value("output"));
        g.bytes(GRAPH_VALUE_INFO, &float_value("a"));
        let mut opset = Writer::new();
        opset.bytes(1, b"").int(2, 15);
        let mut m = Writer::new();
        m.int(1, 8)
            .bytes(2, b"test")
            .bytes(MODEL_GRAPH, &g.finish())
            .bytes(MODEL_OPSET, &opset.finish());
        m.finish()
    }

    /// A written half, read back: nodes as `op:outputs`, initializers with their dims, inputs
    /// and outputs.
    type Parts = (
        Vec<String>,
        Vec<(String, Vec<i64>)>,
        Vec<String>,
        Vec<String>,
    );

    fn graph_of(model: &[u8]) -> Parts {
        let top = fields(model).unwrap();
        assert!(
            top.iter()
                .any(|f| f.number == 2 && f.string() == Some("test")),
            "model fields are kept"
        );
        let body = top
            .iter()
            .find(|f| f.number == MODEL_GRAPH)
            .unwrap()
            .bytes()
            .unwrap();
        let g = parse_graph(body).unwrap();
        let nodes = g
            .nodes
            .iter()
            .map(|n| format!("{}:{}", n.op, n.outputs.join(",")))
            .collect();
        let mut inits: Vec<(String, Vec<i64>)> = g
            .initializers
            .iter()
            .map(|(k, t)| (k.to_string(), t.dims.clone()))
            .collect();
        inits.sort();
        let names = |l: &Vec<(&str, &[u8])>| l.iter().map(|(n, _)| n.to_string()).collect();
        (nodes, inits, names(&g.inputs), names(&g.outputs))
    }

    #[test]
    fn a_model_is_cut_at_its_decoder_with_the_reach_of_its_convolutions() {
        let split = split(&model("LeakyRelu", false)).unwrap();
        assert_eq!(split.shape.latent, "latent");
        assert_eq!(split.shape.hop, 8, "one transposed convolution of stride 8");
        // 3 frames (k7), 3 frames (k16/s8 around pads of 4), 5 samples at 8 per frame.
        assert_eq!(split.shape.context, 7);

        let (nodes, inits, inputs, outputs) = graph_of(&split.encoder);
        assert_eq!(nodes, ["Mul:latent"]);
        assert_eq!(inits, [("scale".to_string(), vec![])]);
        assert_eq!(
            (inputs, outputs),
            (vec!["input".to_string()], vec!["latent".to_string()])
        );

        let (nodes, inits, inputs, outputs) = graph_of(&split.decoder);
        assert_eq!(
            nodes,
            [
                "Unsqueeze:latent/hark_2d",
                "Conv:a",
                "ConvTranspose:b",
                "LeakyRelu:c",
                "Conv:d",
                "Div:e",
                "Tanh:f/hark_2d",
                "Squeeze:f",
                "Unsqueeze:output",
            ]
        );
        let dims = |name: &str| inits.iter().find(|(n, _)| n == name).unwrap().1.clone();
        assert_eq!(dims("w1"), [4, 4, 1, 7]);
        assert_eq!(dims("w2"), [4, 2, 1, 16]);
        assert_eq!(dims(AXES), [1]);
        assert_eq!(dims("two"), Vec::<i64>::new());
        assert!(
            !inits.iter().any(|(n, _)| n == "scale"),
            "only what the decoder reads"
        );
        assert_eq!(
            (inputs, outputs),
            (vec!["latent".to_string()], vec!["output".to_string()])
        );
        let top = fields(&split.decoder).unwrap();
        let g = parse_graph(
            top.iter()
                .find(|f| f.number == MODEL_GRAPH)
                .unwrap()
                .bytes()
                .unwrap(),
        )
        .unwrap();
        let conv = g
            .nodes
            .iter()
            .find(|n| n.name == "/dec/ups.0/ConvTranspose")
            .unwrap();
        assert_eq!(conv.ints("pads").unwrap(), [0, 4, 0, 4]);
        assert_eq!(conv.ints("strides").unwrap(), [1, 8]);
        assert_eq!(conv.ints("kernel_shape").unwrap(), [1, 16]);
    }

    #[test]
    fn models_it_cannot_cut_are_errors() {
        assert!(split(b"not a model at all").is_err());
        let unknown = split(&model("Slice", false)).unwrap_err();
        assert!(unknown.contains("Slice"), "{unknown}");
        let two = split(&model("LeakyRelu", true)).unwrap_err();
        assert!(two.contains("2 tensors"), "{two}");
        let mut w = Writer::new();
        w.bytes(MODEL_GRAPH, &[]);
        assert!(split(&w.finish()).unwrap_err().contains("/dec/"));
    }
}
