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
use super::onnx_graph::{
    GRAPH_INITIALIZER, GRAPH_INPUT, GRAPH_NODE, GRAPH_OUTPUT, Graph, MODEL_GRAPH, MODEL_OPSET,
    Node, TENSOR_DATA_TYPE, TENSOR_DIMS, TENSOR_INT64, TENSOR_NAME, TENSOR_RAW, float_value,
    ints_attribute, parse_graph, simple_node, string, write_node,
};
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
#[path = "graph_split_tests.rs"]
mod tests;
