use std::time::Instant;

use rampart_document::{parse_bytes, parse_str, Limits, Pos, Value};

fn docs(text: &str) -> Vec<Result<rampart_document::Document, rampart_document::ParseError>> {
    parse_str(text, &Limits::default())
}

#[test]
fn positions_of_nested_values() {
    let d = docs("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n");
    let root = &d[0].as_ref().unwrap().root;
    let c = &root.path(&["spec", "containers"]).unwrap().items()[0];
    assert_eq!(c.get("image").unwrap().pos, Pos::new(6, 12));
    assert_eq!(c.pos, Pos::new(5, 5));
    assert_eq!(root.entry("kind").unwrap().key_pos, Pos::new(2, 1));
    assert_eq!(
        root.deepest("spec.containers[0].securityContext.privileged")
            .pos,
        c.pos
    );
}

#[test]
fn scalars_resolve_like_kubernetes() {
    let d = docs("a: yes\nb: off\nc: 0755\nd: 12\ne: 1.5\nf: ~\ng: \"true\"\nh: 0x1F\ni: -3\nj: v1.25\nk: !!str 10\n");
    let r = &d[0].as_ref().unwrap().root;
    assert_eq!(r.get("a").unwrap().as_bool(), Some(true));
    assert_eq!(r.get("b").unwrap().as_bool(), Some(false));
    assert_eq!(r.get("c").unwrap().as_i64(), Some(0o755));
    assert_eq!(r.get("d").unwrap().as_i64(), Some(12));
    assert_eq!(r.get("e").unwrap().value, Value::Float(1.5));
    assert!(r.get("f").is_none(), "null is treated as absent");
    assert_eq!(r.get("g").unwrap().as_str(), Some("true"));
    assert_eq!(r.get("h").unwrap().as_i64(), Some(31));
    assert_eq!(r.get("i").unwrap().as_i64(), Some(-3));
    assert_eq!(r.get("j").unwrap().as_str(), Some("v1.25"));
    assert_eq!(r.get("k").unwrap().as_str(), Some("10"));
}

#[test]
fn json_documents_parse_with_positions() {
    let d = docs("{\n  \"kind\": \"List\",\n  \"items\": [{\"a\":1}, {\"b\": [true, null]}]\n}\n");
    let r = &d[0].as_ref().unwrap().root;
    assert_eq!(r.get("kind").unwrap().as_str(), Some("List"));
    let items = r.get("items").unwrap().items();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].get("a").unwrap().as_i64(), Some(1));
    assert_eq!(items[1].pos.line, 3);
}

#[test]
fn merge_keys_and_aliases() {
    let d = docs("base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 3\nlist: [*b]\n");
    let r = &d[0].as_ref().unwrap().root;
    let obj = r.get("obj").unwrap();
    assert_eq!(obj.get("x").unwrap().as_i64(), Some(1));
    assert_eq!(obj.get("y").unwrap().as_i64(), Some(3));
    assert_eq!(
        r.get("list").unwrap().items()[0].get("y").unwrap().as_i64(),
        Some(2)
    );
}

#[test]
fn broken_document_does_not_hide_the_next_ones() {
    let text = "kind: A\n---\nkind: [unclosed\n---\nkind: C\n";
    let d = docs(text);
    assert_eq!(d.len(), 3, "{d:?}");
    assert_eq!(
        d[0].as_ref().unwrap().root.get("kind").unwrap().as_str(),
        Some("A")
    );
    let err = d[1].as_ref().unwrap_err();
    assert!(err.line >= 3 && err.line <= 4, "{err:?}");
    let c = d[2].as_ref().unwrap();
    assert_eq!(c.root.get("kind").unwrap().as_str(), Some("C"));
    assert_eq!(c.root.get("kind").unwrap().pos.line, 5);
    assert_eq!(c.index, 2);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let start = Instant::now();
    let d = docs(&text);
    assert!(start.elapsed().as_secs() < 1);
    let err = d[0].as_ref().unwrap_err();
    assert!(err.message.contains("alias"), "{err}");
    assert!(err.line > 1);
}

#[test]
fn deep_nesting_is_refused() {
    let text = "[".repeat(100_000);
    let d = docs(&text);
    let err = d[0].as_ref().unwrap_err();
    assert!(err.message.contains("nesting"), "{err}");
    assert_eq!(err.line, 1);
}

#[test]
fn binary_and_invalid_utf8_and_oversize() {
    let d = parse_bytes(b"kind: Pod\n\x00\x01\x02", &Limits::default());
    assert_eq!(d[0].as_ref().unwrap_err().line, 2);
    let d = parse_bytes(b"kind: Pod\nname: \xff\xfe\n", &Limits::default());
    assert!(d[0].as_ref().unwrap_err().message.contains("UTF-8"));
    let small = Limits {
        max_bytes: 4,
        ..Limits::default()
    };
    let d = parse_bytes(b"kind: Pod\n", &small);
    assert!(d[0].as_ref().unwrap_err().message.contains("limit"));
}

#[test]
fn truncated_input_reports_a_line() {
    let d = docs("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"abc\n");
    let err = d.iter().find_map(|r| r.as_ref().err()).expect("an error");
    assert!(err.line >= 4, "{err:?}");
}

#[test]
fn bom_and_crlf() {
    let d = parse_bytes(
        b"\xef\xbb\xbfkind: Pod\r\nspec:\r\n  a: 1\r\n",
        &Limits::default(),
    );
    let r = &d[0].as_ref().unwrap().root;
    assert_eq!(r.path(&["spec", "a"]).unwrap().pos, Pos::new(3, 6));
}
