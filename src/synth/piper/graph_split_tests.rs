//! Tests of [`super`]: cutting small models built here, and the reach of each operator.

use super::*;
use crate::synth::piper::onnx_graph::{GRAPH_VALUE_INFO, TENSOR_FLOAT};

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
