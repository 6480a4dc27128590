import { render } from "preact";
import { App } from "./app";
import { keepInstallPrompt } from "./state/install";
import "./styles.css";

keepInstallPrompt();

render(<App />, document.getElementById("app")!);
