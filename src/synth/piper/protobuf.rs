//! The protobuf wire format, as far as hark needs it to take an ONNX model apart and put the
//! parts back together (`graph_split`). Messages are read as lists of fields that keep their
//! original bytes, so whatever hark does not touch is copied through unchanged.

/// One field of a message.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// The field's number in its message.
    pub number: u32,
    /// What it holds.
    pub value: Value<'a>,
    /// The whole field as it was written: key and value.
    pub raw: &'a [u8],
}

/// A field's value, by wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
}

impl<'a> Field<'a> {
    /// The bytes of a length-delimited field (a string, a message, packed numbers).
    pub fn bytes(&self) -> Option<&'a [u8]> {
        match self.value {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// A string field, if it is valid UTF-8.
    pub fn string(&self) -> Option<&'a str> {
        self.bytes().and_then(|b| std::str::from_utf8(b).ok())
    }
}

fn varint(data: &mut &[u8]) -> Result<u64, String> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = data.split_first().ok_or("truncated varint")?;
        *data = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("varint longer than 10 bytes".into())
}

fn take<'a>(data: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
    if data.len() < n {
        return Err(format!(
            "field of {n} bytes runs past the end of its message"
        ));
    }
    let (head, rest) = data.split_at(n);
    *data = rest;
    Ok(head)
}

/// The fields of a message, in the order they were written.
pub fn fields(message: &[u8]) -> Result<Vec<Field<'_>>, String> {
    let mut out = Vec::new();
    let mut data = message;
    while !data.is_empty() {
        let start = data;
        let key = varint(&mut data)?;
        let number = u32::try_from(key >> 3).map_err(|_| "field number out of range")?;
        let value = match key & 7 {
            0 => Value::Varint(varint(&mut data)?),
            1 => Value::Fixed64(u64::from_le_bytes(take(&mut data, 8)?.try_into().unwrap())),
            2 => {
                let n = usize::try_from(varint(&mut data)?).map_err(|_| "length out of range")?;
                Value::Bytes(take(&mut data, n)?)
            }
            5 => Value::Fixed32(u32::from_le_bytes(take(&mut data, 4)?.try_into().unwrap())),
            other => return Err(format!("unsupported wire type {other}")),
        };
        let used = start.len() - data.len();
        out.push(Field {
            number,
            value,
            raw: &start[..used],
        });
    }
    Ok(out)
}

/// The values of a repeated integer field, written packed or one field per value.
pub fn ints(fields: &[Field<'_>], number: u32) -> Result<Vec<i64>, String> {
    let mut out = Vec::new();
    for field in fields.iter().filter(|f| f.number == number) {
        match field.value {
            Value::Varint(v) => out.push(v as i64),
            Value::Bytes(mut packed) => {
                while !packed.is_empty() {
                    out.push(varint(&mut packed)? as i64);
                }
            }
            _ => return Err(format!("field {number} is not an integer")),
        }
    }
    Ok(out)
}

/// A message being written.
#[derive(Debug, Default)]
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    /// A field copied as it was read.
    pub fn raw(&mut self, raw: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(raw);
        self
    }

    /// A length-delimited field: a string, bytes or a nested message.
    pub fn bytes(&mut self, number: u32, value: &[u8]) -> &mut Self {
        self.varint(u64::from(number) << 3 | 2);
        self.varint(value.len() as u64);
        self.bytes.extend_from_slice(value);
        self
    }

    /// An integer field.
    pub fn int(&mut self, number: u32, value: i64) -> &mut Self {
        self.varint(u64::from(number) << 3);
        self.varint(value as u64);
        self
    }

    /// A repeated integer field, packed.
    pub fn packed(&mut self, number: u32, values: &[i64]) -> &mut Self {
        let mut inner = Writer::new();
        for &v in values {
            inner.varint(v as u64);
        }
        self.bytes(number, &inner.bytes)
    }

    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let mut inner = Writer::new();
        inner.int(1, 300).bytes(2, b"name");
        let inner = inner.finish();
        let mut w = Writer::new();
        w.bytes(7, &inner)
            .packed(8, &[1, -1, 1 << 40])
            .int(8, 5)
            .int(3, 0);
        let bytes = w.finish();
        let top = fields(&bytes).unwrap();
        assert_eq!(top.len(), 4);
        assert_eq!(ints(&top, 8).unwrap(), [1, -1, 1 << 40, 5]);
        let nested = fields(top[0].bytes().unwrap()).unwrap();
        assert_eq!(nested[0].value, Value::Varint(300));
        assert_eq!(nested[1].string(), Some("name"));
        // Copying every field's raw bytes gives the message back.
        let mut copy = Writer::new();
        for f in &top {
            copy.raw(f.raw);
        }
        assert_eq!(copy.finish(), bytes);
    }

    #[test]
    fn damaged_messages_are_errors_not_panics() {
        assert!(fields(&[0x0a, 0x05, 1, 2]).is_err());
        assert!(fields(&[0x08, 0xff]).is_err());
        assert!(fields(&[0x0b]).is_err());
        assert!(fields(&[0xff; 12]).is_err());
    }
}
