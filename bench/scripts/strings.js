let parts = [];
for (let i = 0; i < 200000; i++) parts.push("item" + i);
const joined = parts.join(",");
const back = joined.split(",");
let n = 0;
for (const p of back) if (p.indexOf("9") >= 0) n++;
print(joined.length, back.length, n);
