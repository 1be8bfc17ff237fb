"""A user's own raw parallel text: checked line by line, then copied into the results tree."""

from pathlib import Path

from ielearn.errors import UserError


def read_text_file(path, what):
    """Lines of a UTF-8 text file with LF line ends; any other encoding or line end is an error."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{what}: file not found: {path} (fix the path in config.yaml)")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            f"{what}: {path} is not valid UTF-8 (line {line}, byte {error.start}); "
            "convert it, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise UserError(
            f"{what}: {path} has Windows (CRLF) or CR line ends (first at line {line}); "
            "convert it with `dos2unix` or `sed -i 's/\\r$//'`"
        )
    return text.splitlines()


def read_parallel(src_path, tgt_path, what):
    """Source and target lines of one split, checked for encoding, line ends and alignment."""
    src = read_text_file(src_path, f"{what} source")
    tgt = read_text_file(tgt_path, f"{what} target")
    if len(src) != len(tgt):
        raise UserError(
            f"{what}: {src_path} has {len(src)} lines but {tgt_path} has {len(tgt)}; "
            "parallel files must have one sentence per line, line-aligned"
        )
    if not any(line.strip() for line in src):
        raise UserError(f"{what}: {src_path} is empty; give at least one sentence pair")
    return src, tgt


def read_parallel_files(files, dataset, splits=("train", "valid", "test")):
    """{split: (src lines, tgt lines)} of {split: {"src": path, "tgt": path}}, all checked."""
    return {
        split: read_parallel(files[split]["src"], files[split]["tgt"], f"dataset '{dataset}' {split}")
        for split in splits
    }

