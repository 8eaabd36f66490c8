//! PFDEBUG (GETREG, DECODE, ENCODING, TODENSE) and PFSELFTEST.

use engine::hll::{self, Encoding};
use resp::Reply;

use super::{corrupt, either, hll_for_write};
use crate::{errors, Args, ShardCtx};

/// PFDEBUG subcommand key: inspects a HyperLogLog; GETREG and TODENSE turn it dense.
pub fn pfdebug(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(pfdebug_inner(ctx, args))
}

fn pfdebug_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let subcommand = args.get(1);
    // The key is checked before the subcommand, as in Redis.
    let Some(bytes) = hll_for_write(ctx, args.get(2))? else {
        return Err(errors::err(errors::PFDEBUG_NO_KEY));
    };
    let encoding = hll::encoding_of(bytes);
    match subcommand.to_ascii_lowercase().as_slice() {
        b"getreg" => {
            let converted = hll::to_dense(bytes).map_err(corrupt)?;
            let registers = hll::dense_registers(bytes);
            if converted {
                ctx.dirty(1);
            }
            Ok(Reply::Array(
                registers
                    .into_iter()
                    .map(|r| Reply::Int(i64::from(r)))
                    .collect(),
            ))
        }
        b"decode" => {
            if encoding != Some(Encoding::Sparse) {
                return Err(errors::err(errors::PFDEBUG_NOT_SPARSE));
            }
            Ok(Reply::bulk(hll::decode(bytes).as_bytes()))
        }
        b"encoding" => Ok(Reply::status(
            encoding.map_or(Encoding::Dense.name(), Encoding::name),
        )),
        b"todense" => {
            let converted = hll::to_dense(bytes).map_err(corrupt)?;
            if converted {
                ctx.dirty(1);
            }
            Ok(Reply::Int(i64::from(converted)))
        }
        _ => Err(errors::pfdebug_unknown(subcommand)),
    }
}

/// PFSELFTEST: runs the HyperLogLog implementation's self test; OK when it passes.
pub fn pfselftest(_args: Args<'_>) -> Reply {
    match hll::self_test() {
        Ok(()) => Reply::OK,
        Err(what) => errors::pfselftest_failed(&what),
    }
}
