// A short two-tone chime from Web Audio (no sound file to load): an offer in the console, a message to a
// minimised widget. Silent where a browser has no Web Audio or does not let the page play yet.

let audio;

export function chime() {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    [880, 1175].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      const level = audio.createGain();
      tone.frequency.value = frequency;
      level.gain.setValueAtTime(0.0001, start + i * 0.18);
      level.gain.exponentialRampToValueAtTime(0.2, start + i * 0.18 + 0.02);
      level.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
      tone.connect(level).connect(audio.destination);
      tone.start(start + i * 0.18);
      tone.stop(start + i * 0.18 + 0.17);
    });
  } catch {
    // No audio here.
  }
}
