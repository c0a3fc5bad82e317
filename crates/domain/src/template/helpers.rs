//! The general-purpose helpers of SPEC §6 (faker and state live beside).

use base64::Engine as _;
use chrono::Utc;
use md5::Digest as _;
use minijinja::value::{Rest, Value};
use minijinja::{Environment, Error, ErrorKind};
use rand::Rng;

use super::args::Args;
use super::{faker, json_dump};

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}

/// Registers every helper function on `env`.
pub fn register(env: &mut Environment<'static>) {
    env.add_function("now", |args: Rest<Value>| now(&Args::new(args.0)));
    env.add_function("timestamp", || Utc::now().timestamp());
    env.add_function("random_token", |args: Rest<Value>| {
        random_token(&Args::new(args.0))
    });
    env.add_function("random_int", |args: Rest<Value>| {
        random_int(&Args::new(args.0))
    });
    env.add_function("random_float", |args: Rest<Value>| {
        random_float(&Args::new(args.0))
    });
    env.add_function("random_uuid", || uuid::Uuid::new_v4().to_string());
    env.add_function("random_email", || faker::call("email"));
    env.add_function("random_phone", || faker::call("phone_number"));
    env.add_function("random_name", || faker::call("name"));
    env.add_function("random_address", || faker::call("address"));
    env.add_function("random_choice", |args: Rest<Value>| {
        random_choice(&Args::new(args.0))
    });
    env.add_function("faker_data", |args: Rest<Value>| {
        faker::call(&Args::new(args.0).string(0, "field")?)
    });
    env.add_function("uppercase", |args: Rest<Value>| {
        Ok::<_, Error>(Args::new(args.0).string(0, "s")?.to_uppercase())
    });
    env.add_function("lowercase", |args: Rest<Value>| {
        Ok::<_, Error>(Args::new(args.0).string(0, "s")?.to_lowercase())
    });
    env.add_function("md5", |args: Rest<Value>| {
        Ok::<_, Error>(hex(&md5::Md5::digest(
            Args::new(args.0).string(0, "s")?.as_bytes(),
        )))
    });
    env.add_function("sha256", |args: Rest<Value>| {
        Ok::<_, Error>(hex(&sha2::Sha256::digest(
            Args::new(args.0).string(0, "s")?.as_bytes(),
        )))
    });
    env.add_function("base64_encode", |args: Rest<Value>| {
        Ok::<_, Error>(
            base64::engine::general_purpose::STANDARD.encode(Args::new(args.0).string(0, "s")?),
        )
    });
    env.add_function("base64_decode", |args: Rest<Value>| {
        base64_decode(&Args::new(args.0))
    });
    env.add_function("sum", |args: Rest<Value>| {
        aggregate(&args.0, Aggregate::Sum)
    });
    env.add_function("min", |args: Rest<Value>| {
        aggregate(&args.0, Aggregate::Min)
    });
    env.add_function("max", |args: Rest<Value>| {
        aggregate(&args.0, Aggregate::Max)
    });
    env.add_function("avg", |args: Rest<Value>| {
        aggregate(&args.0, Aggregate::Avg)
    });
    env.add_function("json_dumps", |args: Rest<Value>| {
        json_dumps(&Args::new(args.0))
    });
    env.add_function("json_loads", |args: Rest<Value>| {
        json_loads(&Args::new(args.0))
    });
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now(args: &Args) -> Result<String, Error> {
    let now = Utc::now();
    match args.value(0, "fmt")? {
        None => Ok(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        Some(fmt) => {
            let fmt = fmt.as_str().unwrap_or_default().to_string();
            let items: Vec<_> = chrono::format::StrftimeItems::new(&fmt).collect();
            if items
                .iter()
                .any(|i| matches!(i, chrono::format::Item::Error))
            {
                return Err(invalid(format!("now(): invalid format string \"{fmt}\"")));
            }
            Ok(now.format_with_items(items.into_iter()).to_string())
        }
    }
}

fn random_token(args: &Args) -> Result<String, Error> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let length = args.i64_or(0, "length", 32)?;
    if !(0..=4096).contains(&length) {
        return Err(invalid("random_token(): length must be between 0 and 4096"));
    }
    let mut rng = rand::thread_rng();
    Ok((0..length)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect())
}

fn random_int(args: &Args) -> Result<i64, Error> {
    let (min, max) = (args.i64_or(0, "min", 0)?, args.i64_or(1, "max", 100)?);
    if min > max {
        return Err(invalid(format!(
            "random_int(): min {min} is greater than max {max}"
        )));
    }
    Ok(rand::thread_rng().gen_range(min..=max))
}

fn random_float(args: &Args) -> Result<f64, Error> {
    let (min, max) = (args.f64_or(0, "min", 0.0)?, args.f64_or(1, "max", 1.0)?);
    if min.is_nan() || max.is_nan() || min > max {
        return Err(invalid(format!(
            "random_float(): min {min} is greater than max {max}"
        )));
    }
    if min == max {
        return Ok(min);
    }
    Ok(rand::thread_rng().gen_range(min..max))
}

fn random_choice(args: &Args) -> Result<Value, Error> {
    let list = args.required(0, "list")?;
    let items: Vec<Value> = list.try_iter()?.collect();
    if items.is_empty() {
        return Err(invalid("random_choice(): the list is empty"));
    }
    Ok(items[rand::thread_rng().gen_range(0..items.len())].clone())
}

fn base64_decode(args: &Args) -> Result<String, Error> {
    let text = args.string(0, "s")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text.trim()))
        .map_err(|e| invalid(format!("base64_decode(): {e}")))?;
    String::from_utf8(bytes)
        .map_err(|_| invalid("base64_decode(): the decoded bytes are not UTF-8 text"))
}

#[derive(Clone, Copy)]
enum Aggregate {
    Sum,
    Min,
    Max,
    Avg,
}

/// `sum(1, 2)` and `sum([1, 2])` alike; integers stay integers where possible.
fn aggregate(values: &[Value], op: Aggregate) -> Result<Value, Error> {
    let items: Vec<Value> = match values {
        [single] if single.try_iter().is_ok() && single.as_str().is_none() => {
            single.try_iter()?.collect()
        }
        many => many.to_vec(),
    };
    let numbers: Vec<f64> = items
        .iter()
        .map(|v| {
            f64::try_from(v.clone()).map_err(|_| invalid(format!("expected numbers, got {v}")))
        })
        .collect::<Result<_, _>>()?;
    let all_ints = items.iter().all(|v| {
        i64::try_from(v.clone()).is_ok()
            && v.as_str().is_none()
            && v.to_string().parse::<i64>().is_ok()
    });
    if numbers.is_empty() {
        return match op {
            Aggregate::Sum => Ok(Value::from(0)),
            _ => Err(invalid("expected at least one number")),
        };
    }
    let result = match op {
        Aggregate::Sum => numbers.iter().sum(),
        Aggregate::Min => numbers.iter().copied().fold(f64::INFINITY, f64::min),
        Aggregate::Max => numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Aggregate::Avg => {
            return Ok(Value::from(
                numbers.iter().sum::<f64>() / numbers.len() as f64,
            ))
        }
    };
    if all_ints && result.fract() == 0.0 && result.abs() < 9e15 {
        Ok(Value::from(result as i64))
    } else {
        Ok(Value::from(result))
    }
}

fn json_dumps(args: &Args) -> Result<String, Error> {
    json_dump::to_json_text(&args.required(0, "v")?, "json_dumps()")
}

fn json_loads(args: &Args) -> Result<Value, Error> {
    let text = args.string(0, "s")?;
    let parsed: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| invalid(format!("json_loads(): {e}")))?;
    Ok(Value::from_serialize(&parsed))
}
