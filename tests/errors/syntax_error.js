let ok = 1;
let broken = (2 + ;
console.log("never printed");
