function read(o) {
    return o.x.y;
}
function viaNative() {
    return [1].map(function mapper() { return read({}); });
}
function* gen() {
    yield new Error("in generator");
}
async function later() {
    await null;
    throw new RangeError("in async");
}
const show = (e) => console.log(e.name + ": " + e.message + "\n" + e.stack);
try { read(null); } catch (e) { show(e); }
try { viaNative(); } catch (e) { show(e); }
show(new Error("top"));
show(gen().next().value);
try { [1].forEach(null); } catch (e) { show(e); }
try { JSON.parse("{"); } catch (e) { show(e); }
later().catch(show);
